// A fresh, migrated database for each test file: a new SQLite file, or a new
// PostgreSQL database on TEST_DATABASE_URL's server when the flavour is postgres. Each is
// a copy of a template migrated once per run (tests/global-setup.ts), so no test file
// pays for the migrations; without a template a database starts empty and is migrated.
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { createDb, type Db } from "@/db/client";
import { isUpToDate, localMigrations, migrateDatabase } from "@/db/migrate";

export type Flavor = "sqlite" | "postgres";

export const testFlavor = (): Flavor => (process.env.TEST_DB_FLAVOR === "postgres" ? "postgres" : "sqlite");

export interface TestDatabase {
  url: string;
  flavor: Flavor;
  drop(): Promise<void>;
}

const tmpRoot = path.join(os.tmpdir(), "murmur-tests");
const root = path.resolve(import.meta.dirname, "../..");

/** The template's name follows the migrations, so a changed migration never uses a stale copy. */
function templateName(flavor: Flavor): string {
  const probe = flavor === "postgres" ? "postgresql://x/x" : "file:x.db";
  const migrations = [...localMigrations(probe, root)].map(([name, sum]) => `${name}:${sum}`).join("\n");
  return `murmur_template_${crypto.createHash("sha256").update(migrations).digest("hex").slice(0, 12)}`;
}

const sqliteTemplate = () => path.join(tmpRoot, `${templateName("sqlite")}.db`);

function postgresUrl(database: string): string {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error("TEST_DATABASE_URL is needed for PostgreSQL tests");
  const url = new URL(base);
  url.pathname = `/${database}`;
  return url.toString();
}

async function adminQuery<T = unknown>(text: string): Promise<T[]> {
  const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
  await admin.connect();
  try {
    return (await admin.query(text)).rows as T[];
  } finally {
    await admin.end();
  }
}

/** Migrates this run's template once (kept between runs while the migrations stay the same). */
export async function prepareTemplate(flavor: Flavor): Promise<void> {
  if (flavor === "sqlite") {
    fs.mkdirSync(tmpRoot, { recursive: true });
    const file = sqliteTemplate();
    const url = `file:${file}`;
    if (await isUpToDate(url, root)) return;
    for (const suffix of ["", "-wal", "-shm"]) fs.rmSync(file + suffix, { force: true });
    await migrateDatabase(url, root);
    // One self-contained file to copy: the WAL folded in.
    const Database = (await import("better-sqlite3")).default;
    const db = new Database(file);
    db.pragma("journal_mode = DELETE");
    db.close();
    return;
  }
  const name = templateName("postgres");
  if (await isUpToDate(postgresUrl(name), root)) return;
  await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE "${name}"`);
  await migrateDatabase(postgresUrl(name), root);
}

async function templateExists(flavor: Flavor): Promise<boolean> {
  if (flavor === "sqlite") return fs.existsSync(sqliteTemplate());
  const rows = await adminQuery<{ n: string }>(`SELECT count(*) AS n FROM pg_database WHERE datname = '${templateName("postgres")}'`);
  return Number(rows[0]?.n) > 0;
}

/** `empty`: no template copy, for tests of the migrations themselves. */
export async function createTestDatabase(flavor: Flavor = testFlavor(), { empty = false }: { empty?: boolean } = {}): Promise<TestDatabase> {
  const name = `murmur_t_${crypto.randomBytes(6).toString("hex")}`;
  if (flavor === "sqlite") {
    fs.mkdirSync(tmpRoot, { recursive: true });
    const file = path.join(tmpRoot, `${name}.db`);
    if (!empty && (await templateExists("sqlite"))) fs.copyFileSync(sqliteTemplate(), file);
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
  const template = !empty && (await templateExists("postgres")) ? ` TEMPLATE "${templateName("postgres")}"` : "";
  for (let attempt = 0; ; attempt++) {
    try {
      await admin.query(`CREATE DATABASE "${name}"${template}`);
      break;
    } catch (e) {
      // Another file is copying the template at this moment (55006): try again shortly.
      if ((e as { code?: string }).code !== "55006" || attempt >= 50) throw e;
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
    }
  }
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
  await migrateDatabase(database.url);
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
