#!/usr/bin/env node
// Writes prisma/postgres/schema.prisma from prisma/sqlite/schema.prisma.
// The two differ only in the datasource provider and the generated client's folder.
// `--check` exits 1 instead of writing when the postgres file is out of date.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const sqlitePath = path.join(root, "prisma/sqlite/schema.prisma");
const postgresPath = path.join(root, "prisma/postgres/schema.prisma");

export function derivePostgresSchema(sqliteSchema) {
  const out = sqliteSchema.replace('provider = "sqlite"', 'provider = "postgresql"').replace('output   = "../../src/generated/sqlite"', 'output   = "../../src/generated/postgres"');
  if (out === sqliteSchema) throw new Error("derive-postgres-schema: markers not found in the SQLite schema");
  return out;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const expected = derivePostgresSchema(fs.readFileSync(sqlitePath, "utf8"));
  const current = fs.existsSync(postgresPath) ? fs.readFileSync(postgresPath, "utf8") : "";
  if (process.argv.includes("--check")) {
    if (current !== expected) {
      console.error("prisma/postgres/schema.prisma is out of date: run npm run db:schema");
      process.exit(1);
    }
  } else if (current !== expected) {
    fs.mkdirSync(path.dirname(postgresPath), { recursive: true });
    fs.writeFileSync(postgresPath, expected);
    console.log("wrote prisma/postgres/schema.prisma");
  }
}
