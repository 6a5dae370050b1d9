// Murmur's one process: the HTTP server, Next's request handler and Socket.IO on one port.
import { createServer } from "node:http";
import next from "next";
import { prepareEnvironment } from "./server/environment";
import { migrateDatabase } from "./db/migrate";
import { db, disconnectDb } from "./db/client";
import { seedDemoData } from "./db/seed/demo";
import { databaseUrl } from "./db/url";
import { createClusterAdapter } from "./realtime/cluster-adapter";
import { createRealtime } from "./realtime/server";
import { startAnnouncementSweep, startMembershipSweep } from "./realtime/rooms";
import { startNudityClassifier } from "./server/classifier";
import { startWalCheckpointer } from "./server/wal-checkpointer";
import { startMessageBatchThread } from "./server/message-batch-thread";
import { attachBatchThread } from "./domain/messages/batch-thread";
import { stampClientAddress } from "./server/client-address";
import { API_POLICY, staticSecurityHeaders } from "./server/security-headers";
import { closeOnEarlyAnswer } from "./server/early-answer";
import { refuseLoginFlood } from "./server/login-gate";
import { answerWrongMethodAsJson } from "./server/api-method-answer";
import { startMediaSweeper } from "./domain/media/sweep";
import { startWebhookWorker } from "./domain/webhooks/worker";
import { startMediaJobWorker } from "./domain/media/jobs/worker";
import { releaseHeldSends, settleHeldSends } from "./domain/messages/held";
import { mediaStorage } from "./domain/media/storage";
import { prepareWriteLimits } from "./domain/limits/consume";
import { UPLOADS } from "./shared/limits";

const dev = process.env.NODE_ENV !== "production";
const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST ?? "0.0.0.0";

async function main() {
  prepareEnvironment();
  const started = Date.now();
  await migrateDatabase();
  const checkpointer = startWalCheckpointer(databaseUrl());
  // The bundle is dist/server.js; `npm run dev` runs this file through tsx.
  const batchThread = await startMessageBatchThread(databaseUrl(), { bundled: import.meta.url.endsWith(".js") });
  attachBatchThread(db(), batchThread ?? undefined);
  if (process.env.MURMUR_DEMO_DATA !== "off") await seedDemoData(db());

  // Loads the model in worker threads while Next prepares.
  const classifier = startNudityClassifier();

  // Node cuts off a request body after 5 minutes by default: a 200 MB video on a slow uplink needs longer.
  const httpServer = createServer({ requestTimeout: UPLOADS.requestTimeoutMs });
  // Idle keep-alive connections stay open longer than clients and proxies keep theirs
  // (60 s is common), so the server never closes one a client is about to reuse (ECONNRESET).
  httpServer.keepAliveTimeout = HTTP_KEEP_ALIVE_MS;
  httpServer.headersTimeout = HTTP_KEEP_ALIVE_MS + 1_000;
  const app = next({ dev, hostname, port, httpServer });
  const handle = app.getRequestHandler();
  await app.prepare();
  httpServer.on("request", (req, res) => {
    // Socket.IO answers its own path; everything else is Next's.
    if (req.url?.startsWith("/socket.io/")) return;
    stampClientAddress(req);
    for (const [name, value] of Object.entries(staticSecurityHeaders({ "x-forwarded-proto": req.headers["x-forwarded-proto"] as string | undefined }))) res.setHeader(name, value);
    // API answers (JSON, media) run nothing: a document opened from one may do nothing either. Pages get theirs from src/proxy.ts.
    if (req.url?.startsWith("/api/")) {
      res.setHeader("Content-Security-Policy", API_POLICY);
      answerWrongMethodAsJson(req, res);
    }
    closeOnEarlyAnswer(req, res);
    const loginGate = refuseLoginFlood(req, res);
    if (loginGate) void loginGate.then((refused) => (refused ? undefined : handle(req, res)));
    else void handle(req, res);
  });
  // With REDIS_URL several nodes share events through Redis; without it, one node runs alone.
  const cluster = process.env.REDIS_URL ? await createClusterAdapter(process.env.REDIS_URL) : null;
  // Counted in Redis from the first request on, not in each node's memory while it connects.
  await prepareWriteLimits();
  const io = createRealtime(httpServer, { adapter: cluster?.adapter });
  startAnnouncementSweep();
  startMembershipSweep();
  const stopMediaSweeper = startMediaSweeper(db(), mediaStorage());
  const stopWebhooks = startWebhookWorker(db());
  const stopMediaJobs = startMediaJobWorker(db(), mediaStorage(), {
    onSettled: async (outcome) => (outcome.state === "retry" ? undefined : releaseHeldSends(db(), outcome.mediaId)),
    onPoll: () => settleHeldSends(db()),
  });

  httpServer.listen(port, hostname, () => {
    const address = httpServer.address();
    const actualPort = typeof address === "object" && address ? address.port : port;
    const mode = `${dev ? "dev" : "production"}${cluster ? ", redis adapter" : ""}`;
    console.log(`Murmur ready on http://localhost:${actualPort} (${mode}, ${Date.now() - started} ms)`);
  });

  const shutdown = async (signal: string) => {
    // Whatever hangs below, the process ends in time; exiting must not depend on stdout.
    setTimeout(hardExit, SHUTDOWN_DEADLINE_MS).unref();
    writeSafely(`${signal}: shutting down\n`);
    stopMediaSweeper();
    stopWebhooks();
    await stopMediaJobs();
    io.close();
    httpServer.close();
    await classifier.stop();
    await checkpointer.stop();
    await batchThread?.stop();
    await cluster?.close();
    await disconnectDb();
    hardExit();
  };
  process.once("SIGTERM", () => void shutdown("SIGTERM"));
  process.once("SIGINT", () => void shutdown("SIGINT"));
}

const HTTP_KEEP_ALIVE_MS = 75_000;
const SHUTDOWN_DEADLINE_MS = 8_000;

// A closed stdout/stderr pipe (the parent went away) errors with EPIPE on every write:
// ignore it rather than let it become an uncaught exception that loops inside exit.
for (const stream of [process.stdout, process.stderr]) stream.on("error", () => {});

function writeSafely(text: string): void {
  try {
    if (process.stdout.writable) process.stdout.write(text);
  } catch {
    // Nobody is listening any more.
  }
}

/** Ends the process without running exit listeners (which may write to a dead stdout). */
function hardExit(): never {
  const reallyExit = (process as unknown as { reallyExit?: (code: number) => never }).reallyExit;
  if (reallyExit) reallyExit.call(process, 0);
  process.kill(process.pid, "SIGKILL");
  throw new Error("unreachable");
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
