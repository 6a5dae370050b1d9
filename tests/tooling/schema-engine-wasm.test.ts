// The project's stand-in for Prisma's native schema engine (scripts/schema-engine-wasm.mjs)
// drives the stock `prisma migrate` commands on both databases.
import { execFileSync } from "node:child_process";
import path from "node:path";
import Database from "better-sqlite3";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { createTestDatabase } from "../helpers/database";

const root = path.resolve(import.meta.dirname, "../..");
const prisma = (args: string[], url: string) =>
  execFileSync(process.execPath, [path.join(root, "node_modules/prisma/build/index.js"), ...args], {
    cwd: root,
    env: { ...process.env, DATABASE_URL: url },
    encoding: "utf8",
    stdio: "pipe",
  });

// Each case runs the Prisma CLI, which spawns the engine: tens of seconds on a busy machine.
describe("schema-engine-wasm", { timeout: 180_000 }, () => {
  it("reports its version like the native binary", () => {
    const out = execFileSync(process.execPath, [path.join(root, "scripts/schema-engine-wasm.mjs"), "--version"], { encoding: "utf8" });
    expect(out).toMatch(/^schema-engine-cli wasm-/);
  });

  it("applies the SQLite migrations with migrate deploy, then reports them up to date", async () => {
    const database = await createTestDatabase("sqlite", { empty: true });
    try {
      expect(prisma(["migrate", "deploy"], database.url)).toMatch(/applied|All migrations have been successfully applied/i);
      expect(prisma(["migrate", "status"], database.url)).toMatch(/Database schema is up to date/);
      const file = database.url.replace(/^file:/, "");
      const sqlite = new Database(file, { readonly: true });
      const tables = sqlite
        .prepare("SELECT name FROM sqlite_master WHERE type='table'")
        .all()
        .map((r: any) => r.name);
      const applied = sqlite.prepare("SELECT migration_name, checksum FROM _prisma_migrations").all() as { checksum: string }[];
      sqlite.close();
      expect(tables).toEqual(expect.arrayContaining(["User", "Message", "Conversation", "Media", "CreatorRoom"]));
      expect(applied.length).toBeGreaterThan(0);
      expect(applied[0].checksum).toMatch(/^[0-9a-f]{64}$/);
    } finally {
      await database.drop();
    }
  });

  it.runIf(process.env.TEST_DATABASE_URL)("applies the PostgreSQL migrations and leaves no shadow database behind", async () => {
    const database = await createTestDatabase("postgres", { empty: true });
    try {
      prisma(["migrate", "deploy"], database.url);
      expect(prisma(["migrate", "status"], database.url)).toMatch(/Database schema is up to date/);
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      const { rows } = await client.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'public'");
      const shadows = await client.query("SELECT datname FROM pg_database WHERE datname LIKE 'prisma_migrate_shadow_db_%'");
      await client.end();
      expect(rows.map((r) => r.table_name)).toEqual(expect.arrayContaining(["User", "Message", "_prisma_migrations"]));
      expect(shadows.rowCount).toBe(0);
    } finally {
      await database.drop();
    }
  });
});
