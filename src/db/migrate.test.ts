// A start skips Prisma's CLI only when the database holds exactly the repository's
// migrations: a missing, failed or edited one sends it through `migrate deploy` again.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { afterAll, describe, expect, it } from "vitest";
import { isUpToDate, migrateDatabase } from "./migrate";

const file = path.join(os.tmpdir(), `murmur-migrate-${process.pid}.db`);
const url = `file:${file}`;
afterAll(() => {
  for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
});

const edit = (sql: string) => {
  const db = new Database(file);
  db.prepare(sql).run();
  db.close();
};

describe("isUpToDate", () => {
  it("is false for a missing or empty database, true once migrated, false again when a migration is missing, failed or edited", async () => {
    expect(await isUpToDate(url)).toBe(false);
    await migrateDatabase(url);
    expect(await isUpToDate(url)).toBe(true);

    edit("UPDATE _prisma_migrations SET checksum = 'edited' WHERE migration_name = (SELECT max(migration_name) FROM _prisma_migrations)");
    expect(await isUpToDate(url)).toBe(false);
    edit("UPDATE _prisma_migrations SET checksum = 'edited', finished_at = NULL WHERE migration_name = (SELECT max(migration_name) FROM _prisma_migrations)");
    expect(await isUpToDate(url)).toBe(false);
    edit("DELETE FROM _prisma_migrations WHERE migration_name = (SELECT max(migration_name) FROM _prisma_migrations)");
    expect(await isUpToDate(url)).toBe(false);
  });
});
