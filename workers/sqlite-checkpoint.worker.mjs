// Checkpoints the SQLite WAL off the main thread. The server's own connection checkpoints
// only past a high mark (see src/db/client.ts): a checkpoint fsyncs the database file, and
// on the main thread that stalls every socket for its duration. PASSIVE never waits for
// readers or writers; a WAL whose frames are all copied back is reused from its start.
import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";

const { file, intervalMs } = workerData;
const db = new Database(file, { fileMustExist: true, timeout: 0 });
const timer = setInterval(() => {
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch {
    // Busy with another checkpoint: the next tick tries again.
  }
}, intervalMs);
parentPort.on("message", (message) => {
  if (message !== "stop") return;
  clearInterval(timer);
  db.close();
  parentPort.close();
});
parentPort.postMessage("ready");
