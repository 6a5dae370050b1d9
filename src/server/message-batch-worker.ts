// The message batch's thread (see message-batch-thread.ts): its own connection to the
// server's database, one batch at a time, in order. SQLite: the server's file with the same
// pragmas as the server's connection. PostgreSQL: one pooled connection, whose round trips
// are answered on this thread's event loop, not after the sockets' turn on the main one.
import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";
import pg from "pg";
import { postgresRaw, sqliteRaw } from "@/db/raw";
import { postgresSessionOptions } from "@/db/url";
import { writeBatch } from "@/domain/messages/batch-plan";
import { batchFromWire, errorToWire, toWire } from "@/domain/messages/batch-thread";

const target = workerData as { file: string } | { postgresUrl: string };

function connect() {
  if ("postgresUrl" in target) {
    const pool = new pg.Pool({ connectionString: target.postgresUrl, max: 1, ...postgresSessionOptions(target.postgresUrl) });
    // An idle connection the server dropped (a restart): the next batch connects again.
    pool.on("error", () => {});
    return { raw: postgresRaw(pool as never), flavor: "postgres" as const, close: () => pool.end() };
  }
  // Waits (up to 5 s, on this thread only) while the server's connection holds the write lock.
  const database = new Database(target.file, { fileMustExist: true, timeout: 5000 });
  database.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA wal_autocheckpoint=10000;");
  return { raw: sqliteRaw(database as never), flavor: "sqlite" as const, close: async () => database.close() };
}
const { raw, flavor, close } = connect();

parentPort!.on("message", async (message: { id: number; batch: string } | "stop") => {
  if (message === "stop") {
    await close();
    parentPort!.close();
    return;
  }
  try {
    const planned = batchFromWire(message.batch);
    const outcomes = await raw.transaction(() => writeBatch(flavor, planned));
    parentPort!.postMessage({ id: message.id, outcomes: JSON.stringify(toWire(outcomes)) });
  } catch (e) {
    parentPort!.postMessage({ id: message.id, error: errorToWire(e) });
  }
});
parentPort!.postMessage("ready");
