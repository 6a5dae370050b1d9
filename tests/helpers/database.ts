// A fresh, migrated database for each test file: a new SQLite file, or a new
// PostgreSQL database on TEST_DATABASE_URL's server when the flavour is postgres.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createDb, type Db } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";

export type Flavor = "sqlite" | "postgres";

export const testFlavor = (): Flavor => (process.env.TEST_DB_FLAVOR === "postgres" ? "postgres" : "sqlite");

export interface TestDatabase {
  url: string;
  flavor: Flavor;
  drop(): Promise<void>;
}

const tmpRoot = path.join(os.tmpdir(), "murmur-tests");

export async function createTestDatabase(flavor: Flavor = testFlavor()): Promise<TestDatabase> {
  const name = `murmur_t_${crypto.randomBytes(6).toString("hex")}`;
  if (flavor === "sqlite") {
    fs.mkdirSync(tmpRoot, { recursive: true });
    const file = path.join(tmpRoot, `${name}.db`);
    return {
      url: `file:${file}`,
      flavor,
      drop: async () => {
        for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
      },
    };
  }
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error("TEST_DATABASE_URL is needed for PostgreSQL tests");
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    flavor,
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    },
  };
}

/** A migrated database and a Prisma client on it, for domain tests. */
export async function createMigratedDb(flavor: Flavor = testFlavor()): Promise<{ db: Db; database: TestDatabase; close(): Promise<void> }> {
  const database = await createTestDatabase(flavor);
  migrateDatabase(database.url);
  const db = createDb(database.url);
  return {
    db,
    database,
    close: async () => {
      await db.$disconnect();
      await database.drop();
    },
  };
}
