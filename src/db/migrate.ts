// Applies pending migrations with the stock `prisma migrate deploy`, driven by
// scripts/schema-engine-wasm.mjs (see prisma.config.ts), before anything opens the database.
// A database that already holds every migration (the same names and checksums) is left
// alone without starting Prisma's CLI, which costs about a second per start.
import { spawnSync } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { databaseUrl, isPostgresUrl, sqliteFile } from "./url";

type Applied = { migration_name: string; checksum: string; finished_at: unknown; rolled_back_at: unknown };

/** The migrations in the repository for this database: name → checksum (sha256 of migration.sql, as Prisma records it). */
export function localMigrations(url: string, cwd: string = process.cwd()): Map<string, string> {
  const dir = path.join(cwd, "prisma", isPostgresUrl(url) ? "postgres" : "sqlite", "migrations");
  const migrations = new Map<string, string>();
  for (const name of fs.readdirSync(dir).sort()) {
    const file = path.join(dir, name, "migration.sql");
    if (fs.existsSync(file)) migrations.set(name, crypto.createHash("sha256").update(fs.readFileSync(file)).digest("hex"));
  }
  return migrations;
}

async function appliedMigrations(url: string, cwd: string): Promise<Applied[] | null> {
  if (!isPostgresUrl(url)) {
    const file = sqliteFile(url, cwd);
    if (!fs.existsSync(file)) return null;
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      const table = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'").get();
      return table ? (db.prepare("SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations").all() as Applied[]) : null;
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
    const { rows } = await client.query("SELECT to_regclass('_prisma_migrations') AS t");
    if (!rows[0]?.t) return null;
    return (await client.query("SELECT migration_name, checksum, finished_at, rolled_back_at FROM _prisma_migrations")).rows as Applied[];
  } catch {
    return null; // no such database yet, or no access: Prisma's CLI will say
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Whether the database holds exactly the repository's migrations, all finished. */
export async function isUpToDate(url: string = databaseUrl(), cwd: string = process.cwd()): Promise<boolean> {
  const applied = await appliedMigrations(url, cwd);
  if (!applied) return false;
  const local = localMigrations(url, cwd);
  // A failed or rolled-back attempt is Prisma's to report (or to finish).
  if (applied.some((a) => a.finished_at == null || a.rolled_back_at != null)) return false;
  const done = new Map(applied.map((a) => [a.migration_name, a.checksum]));
  return done.size === local.size && [...local].every(([name, checksum]) => done.get(name) === checksum);
}

export async function migrateDatabase(url: string = databaseUrl(), cwd: string = process.cwd()): Promise<void> {
  if (await isUpToDate(url, cwd)) return;
  if (!isPostgresUrl(url)) {
    // The file's folder must exist; better-sqlite3 creates the file itself.
    fs.mkdirSync(path.dirname(sqliteFile(url, cwd)), { recursive: true });
  }
  const require = createRequire(path.join(cwd, "package.json"));
  const prismaCli = require.resolve("prisma/build/index.js");
  const result = spawnSync(process.execPath, [prismaCli, "migrate", "deploy"], {
    cwd,
    env: { ...process.env, DATABASE_URL: url, PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    encoding: "utf8",
    timeout: 120_000,
  });
  if (result.status !== 0) {
    throw new Error(`prisma migrate deploy failed (${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`);
  }
}
