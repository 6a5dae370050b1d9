// Writes the message batches on a worker thread with its own connection
// (message-batch-worker.ts). SQLite: the batch's statements and commit were about a third
// of the main thread's time per message under load; there they stalled every socket
// meanwhile. PostgreSQL: each of the batch's round trips waited for the main thread's
// event loop to come round (a turn of a thousand busy sockets), so a batch took 10-30 ms
// of waiting, and the batches behind it queued.
// Nothing else changes: the batch is the same plan in the same transaction (SQLite: BEGIN
// IMMEDIATE, so it holds the database's write lock and the policy-version fence reads under
// it; the server's connection and this one wait for each other through SQLite's busy
// timeout, each on its own thread). Readers of the server's connection see a batch once it
// committed, before any caller is answered. Off with MURMUR_BATCH_THREAD=off (written in
// the process).
import { Worker } from "node:worker_threads";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { isPostgresUrl, sqliteFile } from "@/db/url";
import type { Outcome, PlannedMessage } from "@/domain/messages/batch-plan";
import { type BatchThread, batchToWire, errorFromWire, fromWire, type WireError, type WireOutcome } from "@/domain/messages/batch-thread";

type Reply = { id: number; outcomes: string } | { id: number; error: WireError };

export interface StartedBatchThread extends BatchThread {
  /** Batches the thread has committed or refused. */
  readonly written: number;
  stop(): Promise<void>;
}

/** Unbundled (`npm run dev`, the tests), the worker's TypeScript is loaded through tsx. */
const unbundledWorker = (source: string, workerData: unknown) =>
  new Worker(`import("tsx/esm/api").then(({ register }) => { register(); return import(${JSON.stringify(source)}); });`, { eval: true, workerData });

/** The thread for the server's database, or null (switched off). `bundled`: the server runs from dist/. */
export async function startMessageBatchThread(url: string, { bundled }: { bundled: boolean }): Promise<StartedBatchThread | null> {
  if (process.env.MURMUR_BATCH_THREAD === "off") return null;
  const target = isPostgresUrl(url) ? { postgresUrl: url } : { file: sqliteFile(url) };
  const root = process.cwd();
  const worker = bundled
    ? new Worker(path.join(/* turbopackIgnore: true */ root, "dist", "message-batch-worker.js"), { workerData: target })
    : unbundledWorker(pathToFileURL(path.join(/* turbopackIgnore: true */ root, "src", "server", "message-batch-worker.ts")).href, target);
  const pending = new Map<number, { resolve(o: Outcome[]): void; reject(e: unknown): void }>();
  let nextId = 0;
  let written = 0;
  let failure: Error | null = null;
  const failAll = (e: Error) => {
    failure = e;
    for (const p of pending.values()) p.reject(e);
    pending.clear();
  };
  await new Promise<void>((resolve, reject) => {
    worker.once("message", () => resolve());
    worker.once("error", reject);
  });
  worker.on("message", (reply: Reply) => {
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    written++;
    if ("error" in reply) waiting.reject(errorFromWire(reply.error));
    else waiting.resolve(fromWire(JSON.parse(reply.outcomes) as WireOutcome[]));
  });
  worker.on("error", (e) => {
    console.error("the message batch thread failed:", e);
    failAll(e);
  });
  worker.on("exit", () => failAll(failure ?? new Error("the message batch thread has stopped")));
  return {
    get alive() {
      return !failure;
    },
    get written() {
      return written;
    },
    write(planned: PlannedMessage[]) {
      if (failure) return Promise.reject(failure);
      return new Promise<Outcome[]>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        worker.postMessage({ id, batch: batchToWire(planned) });
      });
    },
    async stop() {
      failure ??= new Error("the message batch thread has stopped");
      worker.postMessage("stop");
      await new Promise((resolve) => worker.once("exit", resolve));
    },
  };
}
