// The one Prisma client of this process, chosen by DATABASE_URL.
//
// Next's bundles and src/server.ts load separate copies of this module, so the
// client lives on globalThis: two clients on one SQLite file deadlock as soon as
// an interactive transaction awaits anything (SQLITE_BUSY surfaces as P1008).
import { PrismaClient as SqliteClient } from "@/generated/sqlite/client";
import { PrismaClient as PostgresClient } from "@/generated/postgres/client";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { databaseUrl, isPostgresUrl } from "./url";

/** Both generated clients expose the same model API; the SQLite one names the type. */
export type Db = SqliteClient;

const registry = globalThis as unknown as { __murmurDb?: { url: string; client: Db } };

function sqliteAdapter(url: string) {
  const factory = new PrismaBetterSqlite3({ url, timeout: 5000 });
  // WAL lets readers run beside the writer; NORMAL syncs at checkpoints, safe in WAL.
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = await connect();
    await adapter.executeScript("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;");
    return adapter;
  };
  return factory;
}

export type Flavor = "sqlite" | "postgres";
const flavors = new WeakMap<object, Flavor>();

/** Which database a client talks to, for the few raw SQL paths that differ. */
export const flavorOf = (client: Db): Flavor => flavors.get(client) ?? "sqlite";

export function createDb(url: string = databaseUrl()): Db {
  if (isPostgresUrl(url)) {
    const max = Number(process.env.DATABASE_POOL_SIZE ?? 10);
    const client = new PostgresClient({ adapter: new PrismaPg({ connectionString: url, max }) }) as unknown as Db;
    flavors.set(client, "postgres");
    return client;
  }
  const client = new SqliteClient({ adapter: sqliteAdapter(url) });
  flavors.set(client, "sqlite");
  return client;
}

/** The process-wide client. */
export function db(): Db {
  const url = databaseUrl();
  if (!registry.__murmurDb || registry.__murmurDb.url !== url) {
    registry.__murmurDb = { url, client: createDb(url) };
  }
  return registry.__murmurDb.client;
}

export async function disconnectDb(): Promise<void> {
  const current = registry.__murmurDb;
  registry.__murmurDb = undefined;
  await current?.client.$disconnect();
}
