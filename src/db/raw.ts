// Raw SQL on the connection Prisma already holds, for the hot paths where Prisma's per-query
// cost dominates (about a tenth of better-sqlite3's raw rate here): sending a message.
// Everything else goes through Prisma.
//
// SQLite: the one better-sqlite3 connection of the process (a second one would deadlock
// against Prisma's, see client.ts). Statements run synchronously, so a transaction here is
// one synchronous block nothing can interleave with; it waits while a Prisma transaction is
// open on the shared connection, so that it never joins (and rolls back with) someone else's.
// PostgreSQL: the pg pool under Prisma's adapter; a transaction holds one pooled connection.
import pg from "pg";
import { driverHandleOf, flavorOf, type Db, type Flavor } from "./client";
import { render, type Sql } from "./sql";

export type Row = Record<string, unknown>;

/**
 * A transaction's work as a generator: it yields statements and receives their rows.
 * The same plan then runs synchronously on SQLite and with awaits on PostgreSQL.
 */
export type Plan<T> = Generator<Sql, T, Row[]>;

export interface RawDb {
  readonly flavor: Flavor;
  /** One statement outside any transaction. */
  all<T = Row>(query: Sql): Promise<T[]>;
  /** A plan in one transaction: committed when it returns, rolled back when it throws. */
  transaction<T>(plan: () => Plan<T>): Promise<T>;
}

interface SqliteStatement {
  reader: boolean;
  safeIntegers(on: boolean): SqliteStatement;
  all(...values: unknown[]): Row[];
  run(...values: unknown[]): unknown;
}
interface SqliteDatabase {
  inTransaction: boolean;
  prepare(text: string): SqliteStatement;
  transaction<T>(fn: () => T): { immediate(): T };
}
interface PgClient {
  query(config: { text: string; values: unknown[]; name?: string; types?: unknown }): Promise<{ rows: Row[] }>;
}
interface PgPool extends PgClient {
  connect(): Promise<PgClient & { release(destroy?: boolean): void }>;
}

// Timestamps come back as their text (timestamp(3) has no zone: pg would read it in the
// process's local zone) and are read with readDate; every other type as pg reads it.
const TIMESTAMP_OIDS = new Set([1114, 1184]);
const pgTypes = {
  getTypeParser: (oid: number, format?: "text" | "binary") => (TIMESTAMP_OIDS.has(oid) ? (text: string) => text : pg.types.getTypeParser(oid, format as "text")),
};

/** Feeds each statement's rows back into the plan until it returns. */
function runSync<T>(steps: Plan<T>, execute: (query: Sql) => Row[]): T {
  let step = steps.next([]);
  while (!step.done) step = steps.next(execute(step.value));
  return step.value;
}
async function runAsync<T>(steps: Plan<T>, execute: (query: Sql) => Promise<Row[]>): Promise<T> {
  let step = steps.next([]);
  while (!step.done) step = steps.next(await execute(step.value));
  return step.value;
}

/** A Prisma transaction client, as far as a plan needs it. */
export interface RawTx {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
}

/**
 * A plan inside a Prisma transaction the caller owns (e.g. one that has just created the
 * conversation it writes to): the same statements, through the transaction's raw queries,
 * committed or rolled back with it.
 */
export function runPlanInTx<T>(tx: RawTx, flavor: Flavor, plan: Plan<T>): Promise<T> {
  return runAsync(plan, (query) => {
    const { text, values } = render(query, flavor);
    return tx.$queryRawUnsafe<Row[]>(text, ...values);
  });
}

/** Raw access over a better-sqlite3 connection (the process's shared one, or a thread's own). */
export function sqliteRaw(database: SqliteDatabase): RawDb {
  // Statements are compiled once per text; batch sizes vary, so the cache is bounded.
  const statements = new Map<string, SqliteStatement>();
  const prepared = (text: string) => {
    let statement = statements.get(text);
    if (!statement) {
      if (statements.size > 500) statements.clear();
      statement = database.prepare(text).safeIntegers(false);
      statements.set(text, statement);
    }
    return statement;
  };
  const execute = (query: Sql): Row[] => {
    const { text, values } = render(query, "sqlite");
    const statement = prepared(text);
    if (statement.reader) return statement.all(...values);
    statement.run(...values);
    return [];
  };
  return {
    flavor: "sqlite",
    all: async <T>(query: Sql) => execute(query) as T[],
    async transaction(plan) {
      // A Prisma transaction is open on the shared connection: wait for it to end.
      while (database.inTransaction) await new Promise((resolve) => setTimeout(resolve, 1));
      return database.transaction(() => runSync(plan(), execute)).immediate();
    },
  };
}

/** Raw access over a pg pool (the one under Prisma's adapter, or the batch thread's own). */
export function postgresRaw(pool: PgPool): RawDb {
  const run = async (client: PgClient, query: Sql) => {
    return (await client.query({ ...render(query, "postgres"), types: pgTypes })).rows;
  };
  return {
    flavor: "postgres",
    all: async <T>(query: Sql) => (await run(pool, query)) as T[],
    async transaction(plan) {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query({ text: "BEGIN", values: [] });
        const result = await runAsync(plan(), (query) => run(client, query));
        await client.query({ text: "COMMIT", values: [] });
        return result;
      } catch (e) {
        await client.query({ text: "ROLLBACK", values: [] }).catch(() => (broken = true));
        throw e;
      } finally {
        client.release(broken);
      }
    },
  };
}

const raws = new WeakMap<Db, RawDb>();

/** The raw access of a Prisma client (connecting it first if it has not yet). */
export async function rawDb(db: Db): Promise<RawDb> {
  const known = raws.get(db);
  if (known) return known;
  if (!driverHandleOf(db)) await db.$connect();
  const handle = driverHandleOf(db);
  if (!handle) throw new Error("the database driver is not reachable for raw SQL");
  const raw = flavorOf(db) === "sqlite" ? sqliteRaw(handle as SqliteDatabase) : postgresRaw(handle as PgPool);
  raws.set(db, raw);
  return raw;
}

/** A value the database refused as data (PostgreSQL's class 22, e.g. a NUL byte in text): that message's fault alone. */
export const isDataError = (e: unknown): boolean => {
  // The pg error itself (raw SQL), or as Prisma's driver adapter wraps it (meta.driverAdapterError.cause).
  const wrapped = (e as { meta?: { driverAdapterError?: unknown } } | undefined)?.meta?.driverAdapterError;
  for (let cause = (wrapped ?? e) as { code?: unknown; originalCode?: unknown; cause?: unknown } | undefined, depth = 0; cause && depth < 4; cause = cause.cause as typeof cause, depth++) {
    const code = String(cause.originalCode ?? cause.code ?? "");
    if (/^22[0-9A-Z]{3}$/.test(code)) return true;
  }
  return false;
};

const UNIQUE_CODES = new Set(["23505", "SQLITE_CONSTRAINT_UNIQUE", "SQLITE_CONSTRAINT_PRIMARYKEY", "P2002"]);

/**
 * A unique constraint refused a row (either database), from a driver or from Prisma; a raw
 * query run through Prisma ($queryRawUnsafe in a transaction) fails as P2010 with the
 * database's code in `meta.code` or only in its message.
 */
export const isUniqueViolation = (e: unknown): boolean => {
  const error = e as { code?: unknown; meta?: { code?: unknown }; message?: unknown };
  if (UNIQUE_CODES.has(String(error?.code)) || UNIQUE_CODES.has(String(error?.meta?.code))) return true;
  return error?.code === "P2010" && /\b23505\b|UNIQUE constraint failed/.test(String(error.message));
};
