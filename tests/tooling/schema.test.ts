// The two schema files must not drift, and the committed migrations must match the schema.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
// @ts-expect-error: a plain ESM script without types
import { derivePostgresSchema } from "../../scripts/derive-postgres-schema.mjs";

const root = path.resolve(import.meta.dirname, "../..");
const read = (p: string) => fs.readFileSync(path.join(root, p), "utf8");
const prisma = path.join(root, "node_modules/prisma/build/index.js");

describe("prisma schemas", { timeout: 120_000 }, () => {
  it("postgres/schema.prisma is derived from sqlite/schema.prisma (run npm run db:schema)", () => {
    expect(read("prisma/postgres/schema.prisma")).toBe(derivePostgresSchema(read("prisma/sqlite/schema.prisma")));
  });

  it("differ only in provider and output", () => {
    const diff = (a: string, b: string) => a.split("\n").filter((line, i) => line !== b.split("\n")[i]);
    expect(diff(read("prisma/sqlite/schema.prisma"), read("prisma/postgres/schema.prisma")).map((l) => l.trim())).toEqual(['output   = "../../src/generated/sqlite"', 'provider = "sqlite"']);
  });

  it("SQLite migrations produce exactly the schema (run npm run db:migrate:new)", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "murmur-drift-"));
    const run = () =>
      execFileSync(process.execPath, [prisma, "migrate", "diff", "--from-migrations", "prisma/sqlite/migrations", "--to-schema", "prisma/sqlite/schema.prisma", "--exit-code"], {
        cwd: root,
        env: { ...process.env, DATABASE_URL: `file:${path.join(dir, "shadow.db")}` },
        encoding: "utf8",
        stdio: "pipe",
      });
    // --exit-code: 0 when empty, 2 when there is a difference (execFileSync throws).
    expect(run).not.toThrow();
  });
});
