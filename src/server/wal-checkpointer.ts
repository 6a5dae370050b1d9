// Starts the SQLite WAL checkpointer (workers/sqlite-checkpoint.worker.mjs) for the server's
// database; nothing on PostgreSQL. A checkpoint fsyncs the database file: on the main thread it
// stalls every socket meanwhile. Measured at 3,000 msg/s (npm run bench -- messaging): p99 from
// send to delivery 80 ms with checkpoints on the main thread, 14 ms with none at all, 17 and
// 84 ms in two runs with this worker (the tail has other causes too, GC among them).
import path from "node:path";
import { Worker } from "node:worker_threads";
import { isPostgresUrl, sqliteFile } from "@/db/url";

export const checkpointWorkerPath = () => path.join(/* turbopackIgnore: true */ process.cwd(), "workers", "sqlite-checkpoint.worker.mjs");

export function startWalCheckpointer(url: string, intervalMs = Number(process.env.MURMUR_WAL_CHECKPOINT_MS ?? 500)): { stop(): Promise<void> } {
  if (isPostgresUrl(url)) return { stop: async () => {} };
  const file = sqliteFile(url);
  const worker = new Worker(checkpointWorkerPath(), { workerData: { file, intervalMs } });
  // Without it the server's own connection still checkpoints, past its high mark (client.ts).
  worker.on("error", (e) => console.error("the WAL checkpointer stopped:", e));
  worker.unref();
  return {
    stop: async () => {
      await worker.terminate();
    },
  };
}
