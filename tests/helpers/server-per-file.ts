// One server per test file, with a Prisma client on its database: started before the
// file's tests, both closed after them.
import { afterAll, beforeAll } from "vitest";
import type { Db } from "@/db/client";
import { closeDbs, serverDb } from "./chat";
import { startServer, type TestServer } from "./server";

export function serverPerFile(ready: (server: TestServer, db: Db) => void): void {
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startServer();
    ready(server, serverDb(server));
  });
  afterAll(async () => {
    await closeDbs();
    await server?.stop();
  });
}
