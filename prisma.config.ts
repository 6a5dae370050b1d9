import { defineConfig } from "prisma/config";

// Prisma's native schema engine is a binary downloaded on first use, which an
// offline machine cannot fetch. scripts/schema-engine-wasm.mjs speaks the same
// protocol on @prisma/schema-engine-wasm. PRISMA_NATIVE_ENGINE=1 opts out.
if (!process.env.PRISMA_NATIVE_ENGINE && !process.env.PRISMA_SCHEMA_ENGINE_BINARY) {
  process.env.PRISMA_SCHEMA_ENGINE_BINARY = "scripts/schema-engine-wasm.mjs";
}

// DATABASE_URL picks the flavour: each has its own schema file and migrations.
const url = process.env.DATABASE_URL ?? "file:./data/murmur.db";
const flavor = /^postgres(ql)?:\/\//.test(url) ? "postgres" : "sqlite";

export default defineConfig({
  schema: `prisma/${flavor}/schema.prisma`,
  migrations: { path: `prisma/${flavor}/migrations` },
  datasource: { url },
});
