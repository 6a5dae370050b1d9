import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { LocalDiskStorage } from "./local";
import { runStorageSuite } from "./suite";

runStorageSuite("local disk", async () => {
  const root = await fs.mkdtemp(path.join(os.tmpdir(), "murmur-storage-"));
  return { storage: new LocalDiskStorage(root), cleanup: () => fs.rm(root, { recursive: true, force: true }) };
});
