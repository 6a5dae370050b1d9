// Issue 8's table: the same fixed-rate load (N sockets in M conversations) against the bare
// Socket.IO relay (the ceiling) and against Murmur on SQLite, on PostgreSQL, and as two
// nodes with Redis between them. Send → ack and send → delivery at every other member.
import type { Socket } from "socket.io-client";
import { createTestDatabase, type Flavor } from "../tests/helpers/database";
import { startServer, type TestServer } from "../tests/helpers/server";
import { startRedis } from "../tests/helpers/redis";
import { connectAll, runLoad, type LoadClient, type LoadResult, type LoadTarget } from "./lib/load";
import { murmurTarget } from "./lib/murmur";
import { createLoadFixtures } from "./lib/murmur-fixtures";
import { measureProcess } from "./lib/process-usage";
import { relayTarget, startRelay } from "./lib/relay";
import { relayClients } from "./lib/topology";

const CLIENTS = Number(process.env.BENCH_CLIENTS ?? 1000);
const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 200);
const RATES = (process.env.BENCH_RATES ?? "1000,2000,3000,4000").split(",").map(Number);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 6);

type Row = Record<string, string | number>;

// 1,000 users at 20 messages per 10 s each cap a fair load at 2,000 msg/s: the servers
// measured here allow more per user (the limit is still counted on every send).
const SERVER_ENV = { MESSAGE_RATE_LIMIT: "1000000" };

function row(setup: string, r: LoadResult, cpuPercent: number, peakRssMb: number, ceiling?: LoadResult): Row {
  return {
    setup,
    "target msg/s": r.rate,
    "acked msg/s": r.ackedPerSecond,
    failed: r.failed,
    "delivered %": r.expectedDeliveries ? +((100 * r.delivered) / r.expectedDeliveries).toFixed(1) : 0,
    "ack p50/p95/p99 ms": `${r.ackMs.p50} / ${r.ackMs.p95} / ${r.ackMs.p99}`,
    "delivery p50/p95/p99 ms": `${r.deliveryMs.p50} / ${r.deliveryMs.p95} / ${r.deliveryMs.p99}`,
    "server CPU %": cpuPercent,
    "server RSS MB": peakRssMb,
    "vs relay (acked, delivery p99)": ceiling ? `${(r.ackedPerSecond / ceiling.ackedPerSecond).toFixed(2)}×, ${(r.deliveryMs.p99 / Math.max(ceiling.deliveryMs.p99, 0.1)).toFixed(1)}×` : "—",
  };
}

async function sweep(setup: string, target: LoadTarget, clients: LoadClient[], sockets: Socket[], size: number, pid: number, ceiling?: Map<number, LoadResult>) {
  const rows: Row[] = [];
  const results = new Map<number, LoadResult>();
  try {
    // Warm-up, not reported: the server's JIT, statement caches and first-message pushes.
    await runLoad(target, clients, sockets, { rate: RATES[0], durationMs: 2000, membersPerConversation: size });
    for (const rate of RATES) {
      await new Promise((r) => setTimeout(r, 3000)); // a pause between rates
      const measured = await measureProcess(pid, () => runLoad(target, clients, sockets, { rate, durationMs: SECONDS * 1000, membersPerConversation: size }));
      results.set(rate, measured.result);
      rows.push(row(setup, measured.result, measured.cpuPercent, measured.peakRssMb, ceiling?.get(rate)));
    }
  } finally {
    sockets.forEach((s) => s.close());
  }
  return { rows, results };
}

export async function benchMessaging(): Promise<Row[]> {
  const rows: Row[] = [];

  const relay = await startRelay();
  const { clients: relayUsers, size } = relayClients(CLIENTS, CONVERSATIONS);
  const relayLoad = { ...relayTarget(relay.url), payload: (c: string, id: string) => ({ conversationId: c, clientId: id, senderId: "x", text: "hello" }) };
  const ceiling = await sweep("bare Socket.IO relay", relayLoad, relayUsers, await connectAll(relayLoad, relayUsers), size, relay.pid);
  relay.stop();
  rows.push(...ceiling.rows);

  /** Murmur on one node, or on several with the sockets spread evenly over them. */
  const murmur = async (setup: string, servers: TestServer[]) => {
    const { clients } = await createLoadFixtures(servers[0].database.url, CLIENTS, CONVERSATIONS);
    const targets = servers.map((s) => murmurTarget(s.url));
    const sockets: Socket[] = new Array(clients.length);
    for (const [n, target] of targets.entries()) {
      const indexes = clients.map((_, i) => i).filter((i) => i % servers.length === n);
      const connected = await connectAll(
        target,
        indexes.map((i) => clients[i]),
      );
      indexes.forEach((i, k) => (sockets[i] = connected[k]));
    }
    return (await sweep(setup, targets[0], clients, sockets, size, servers[0].pid(), ceiling.results)).rows;
  };

  const flavors: Flavor[] = process.env.TEST_DATABASE_URL ? ["sqlite", "postgres"] : ["sqlite"];
  for (const flavor of flavors) {
    const database = await createTestDatabase(flavor);
    const server = await startServer({ database, env: SERVER_ENV });
    try {
      rows.push(...(await murmur(`Murmur, 1 node, ${flavor === "sqlite" ? "SQLite" : "PostgreSQL"}`, [server])));
    } finally {
      await server.stop();
      await database.drop();
    }
  }

  if (process.env.TEST_DATABASE_URL) {
    const database = await createTestDatabase("postgres");
    const redis = await startRedis();
    const env = { ...SERVER_ENV, REDIS_URL: redis.url };
    const a = await startServer({ database, env });
    const b = await startServer({ database, env });
    try {
      rows.push(...(await murmur("Murmur, 2 nodes + Redis, PostgreSQL (CPU/RSS: node A)", [a, b])));
    } finally {
      await a.stop();
      await b.stop();
      await redis.stop();
      await database.drop();
    }
  }
  return rows;
}
