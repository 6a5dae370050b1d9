// The one Prisma client of this process, chosen by DATABASE_URL.
//
// Next's bundles and src/server.ts load separate copies of this module, so the
// client lives on globalThis: two clients on one SQLite file deadlock as soon as
// an interactive transaction awaits anything (SQLITE_BUSY surfaces as P1008).
import { PrismaClient as SqliteClient } from "@/generated/sqlite/client";
import { PrismaClient as PostgresClient } from "@/generated/postgres/client";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { databaseUrl, isPostgresUrl, postgresSessionOptions } from "./url";

/** Both generated clients expose the same model API; the SQLite one names the type. */
export type Db = SqliteClient;

const registry = globalThis as unknown as { __murmurDb?: { client: Db } };

export type Flavor = "sqlite" | "postgres";

// Facts about a client are kept on the client under global symbols, not in a module's
// WeakMap: Next's bundles and server.ts share the client but not this module.
const FLAVOR = Symbol.for("murmur.db.flavor");
const DRIVER = Symbol.for("murmur.db.driver");
type Tagged = { [FLAVOR]?: Flavor; [DRIVER]?: unknown };
const tag = (client: Db, key: typeof FLAVOR | typeof DRIVER, value: unknown) => Object.defineProperty(client, key, { value, configurable: true, enumerable: false });

/**
 * The driver connection under a client's adapter (the better-sqlite3 Database, or the pg
 * Pool), for the hot paths that bypass Prisma (raw.ts). Known once Prisma has connected.
 */
export const driverHandleOf = (client: Db): unknown => (client as Tagged)[DRIVER];

/** Remembers the adapter's driver connection when Prisma connects through the factory. */
function exposeDriver<F extends { connect(): Promise<unknown> }>(factory: F, onConnect: (adapter: { client: unknown; executeScript(s: string): Promise<void> }) => Promise<void>) {
  const connect = factory.connect.bind(factory);
  factory.connect = async () => {
    const adapter = (await connect()) as { client: unknown; executeScript(s: string): Promise<void> };
    await onConnect(adapter);
    return adapter;
  };
  return factory;
}

function sqliteAdapter(url: string, remember: (handle: unknown) => void) {
  return exposeDriver(new PrismaBetterSqlite3({ url, timeout: 5000 }), async (adapter) => {
    // WAL lets readers run beside the writer; NORMAL syncs at checkpoints, safe in WAL.
    // Checkpoints run in a worker thread (src/server/wal-checkpointer.ts); this connection
    // checkpoints itself only past 10,000 pages (40 MB), should that worker not run.
    await adapter.executeScript("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA wal_autocheckpoint=10000;");
    remember(adapter.client);
  });
}

/** Which database a client talks to, for the few raw SQL paths that differ. */
export const flavorOf = (client: Db): Flavor => (client as Tagged)[FLAVOR] ?? "sqlite";

export function createDb(url: string = databaseUrl()): Db {
  if (isPostgresUrl(url)) {
    const max = Number(process.env.DATABASE_POOL_SIZE ?? 10);
    const factory = exposeDriver(new PrismaPg({ connectionString: url, max, ...postgresSessionOptions(url) }), async (adapter) => void tag(client, DRIVER, adapter.client));
    const client = new PostgresClient({ adapter: factory }) as unknown as Db;
    tag(client, FLAVOR, "postgres");
    return client;
  }
  const client: Db = new SqliteClient({ adapter: sqliteAdapter(url, (handle) => tag(client, DRIVER, handle)) });
  tag(client, FLAVOR, "sqlite");
  return client;
}

/**
 * The process-wide client, for DATABASE_URL as it was when first asked (every handler asks
 * on every event: reading the environment each time was a measurable cost on the hot path).
 */
export function db(): Db {
  registry.__murmurDb ??= { client: createDb(databaseUrl()) };
  return registry.__murmurDb.client;
}

export async function disconnectDb(): Promise<void> {
  const current = registry.__murmurDb;
  registry.__murmurDb = undefined;
  await current?.client.$disconnect();
}
