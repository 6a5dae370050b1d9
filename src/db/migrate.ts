// Applies pending migrations with the stock `prisma migrate deploy`, driven by
// scripts/schema-engine-wasm.mjs (see prisma.config.ts), before anything opens the database.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { databaseUrl, isPostgresUrl } from "./url";

export function migrateDatabase(url: string = databaseUrl(), cwd: string = process.cwd()): void {
  if (!isPostgresUrl(url)) {
    // The file's folder must exist; better-sqlite3 creates the file itself.
    const file = url.replace(/^file:/, "").replace(/\?.*$/, "");
    fs.mkdirSync(path.dirname(path.resolve(cwd, file)), { recursive: true });
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
