// Media on local disk under MURMUR_MEDIA_DIR (default ./data/media): never a public
// folder; files are only reachable through the authorised routes.
import crypto from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import type { Readable } from "node:stream";
import { assertValidKey, type ByteRange, type MediaStorage, type StoredObject } from "./types";

export class LocalDiskStorage implements MediaStorage {
  constructor(readonly root: string) {}

  private pathOf(key: string): string {
    assertValidKey(key);
    return path.join(this.root, ...key.split("/"));
  }

  async put(key: string, body: Readable): Promise<StoredObject> {
    const target = this.pathOf(key);
    await fsp.mkdir(path.dirname(target), { recursive: true });
    // Written beside the target, then renamed: a reader never sees half a file.
    const partial = `${target}.${crypto.randomBytes(6).toString("hex")}.partial`;
    try {
      await pipeline(body, fs.createWriteStream(partial, { flags: "wx" }));
      await fsp.rename(partial, target);
    } catch (e) {
      await fsp.rm(partial, { force: true });
      throw e;
    }
    return (await this.stat(key))!;
  }

  async read(key: string, range?: ByteRange): Promise<Readable | null> {
    const file = this.pathOf(key);
    try {
      const handle = await fsp.open(file, "r");
      return handle.createReadStream(range ? { start: range.start, end: range.end } : {});
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw e;
    }
  }

  async stat(key: string): Promise<StoredObject | null> {
    try {
      const s = await fsp.stat(this.pathOf(key));
      return s.isFile() ? { bytes: s.size, modifiedAt: s.mtime } : null;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === "ENOENT") return null;
      throw e;
    }
  }

  async delete(key: string): Promise<void> {
    const file = this.pathOf(key);
    await fsp.rm(file, { force: true });
    // Remove directories left empty, up to the root.
    let dir = path.dirname(file);
    while (dir.startsWith(this.root + path.sep)) {
      try {
        await fsp.rmdir(dir);
      } catch {
        break; // not empty (or gone): stop
      }
      dir = path.dirname(dir);
    }
  }

  async listOlderThan(before: Date, prefix = ""): Promise<string[]> {
    const keys: string[] = [];
    const start = prefix ? this.pathOf(prefix.replace(/\/+$/, "")) : this.root;
    const walk = async (dir: string) => {
      let entries: fs.Dirent[];
      try {
        entries = await fsp.readdir(dir, { withFileTypes: true });
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === "ENOENT" || (e as NodeJS.ErrnoException).code === "ENOTDIR") return;
        throw e;
      }
      for (const entry of entries) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) await walk(full);
        else if (entry.isFile()) {
          const s = await fsp.stat(full).catch(() => null);
          if (s && s.mtime < before) keys.push(path.relative(this.root, full).split(path.sep).join("/"));
        }
      }
    };
    await walk(start);
    return keys.sort();
  }
}
