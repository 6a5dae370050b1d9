// The message batch's thread (see message-batch-thread.ts): its own connection to the
// server's SQLite file, the same pragmas as the server's, one batch at a time, in order.
import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";
import { sqliteRaw } from "@/db/raw";
import { writeBatch } from "@/domain/messages/batch-plan";
import { batchFromWire, errorToWire, toWire } from "@/domain/messages/batch-thread";

const { file } = workerData as { file: string };
// Waits (up to 5 s, on this thread only) while the server's connection holds the write lock.
const database = new Database(file, { fileMustExist: true, timeout: 5000 });
database.exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA wal_autocheckpoint=10000;");
const raw = sqliteRaw(database as never);

parentPort!.on("message", async (message: { id: number; batch: string } | "stop") => {
  if (message === "stop") {
    database.close();
    parentPort!.close();
    return;
  }
  try {
    const planned = batchFromWire(message.batch);
    const outcomes = await raw.transaction(() => writeBatch("sqlite", planned));
    parentPort!.postMessage({ id: message.id, outcomes: JSON.stringify(toWire(outcomes)) });
  } catch (e) {
    parentPort!.postMessage({ id: message.id, error: errorToWire(e) });
  }
});
parentPort!.postMessage("ready");
