// Two nodes on one PostgreSQL database with Redis between them, and the faults a
// deployment meets: a node dies mid-burst, Redis restarts, the database drops its
// connections. Afterwards every acked message exists exactly once and every client
// holds all messages in seq order.
import pg from "pg";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createUser, type TestUser } from "../helpers/api";
import { createTestDatabase, testFlavor, type TestDatabase } from "../helpers/database";
import { startRedis, type TestRedis } from "../helpers/redis";
import { heldInOrder, ResilientClient } from "../helpers/resilient-client";
import { startServer, type TestServer } from "../helpers/server";
import { connectSocket, nextEvent } from "../helpers/socket";

const onPostgres = testFlavor() === "postgres";

describe.runIf(onPostgres)("two nodes on PostgreSQL and Redis", () => {
  let database: TestDatabase;
  let redis: TestRedis;
  let nodeA: TestServer;
  let nodeB: TestServer;
  let users: TestUser[];
  let conversationIds: string[];
  let clients: ResilientClient[] = [];

  beforeAll(async () => {
    database = await createTestDatabase("postgres");
    redis = await startRedis();
    const env = { REDIS_URL: redis.url, REDIS_STREAM: `faults-${Date.now()}` };
    nodeA = await startServer({ database, env });
    nodeB = await startServer({ database, env });
    users = await Promise.all(Array.from({ length: 6 }, () => createUser(nodeA.url)));
    // Two groups of three.
    conversationIds = [];
    for (const group of [users.slice(0, 3), users.slice(3, 6)]) {
      const res = await group[0].api.post("/api/conversations", {
        kind: "group",
        title: "faults",
        memberIds: group.slice(1).map((u) => u.id),
        message: { clientId: `start-${group[0].id}`, text: "hello" },
      });
      expect(res.status).toBe(201);
      conversationIds.push(res.body.conversation.id);
    }
  });
  afterEach(() => {
    clients.forEach((c) => c.close());
    clients = [];
  });
  afterAll(async () => {
    await nodeA?.stop();
    await nodeB?.stop();
    await redis?.stop();
    await database?.drop();
  });

  const conversationOf = (i: number) => conversationIds[i < 3 ? 0 : 1];

  async function connectClients(urlsFor: (i: number) => string[]) {
    clients = users.map((u, i) => new ResilientClient(u.id, u.token, urlsFor(i), [conversationOf(i)]));
    await Promise.all(clients.map((c) => c.connect()));
  }

  /** Each client sends `count` messages, a few at a time, and returns their clientIds. */
  async function burst(tag: string, count: number, during?: () => Promise<void>) {
    const sends = clients.flatMap((client, i) => Array.from({ length: count }, (_, k) => ({ client, conversationId: conversationOf(i), clientId: `${tag}-${i}-${k}` })));
    const running = Promise.all(
      clients.map(async (client) => {
        for (const s of sends.filter((x) => x.client === client)) await client.send(s.conversationId, s.clientId, s.clientId);
      }),
    );
    if (during) await during();
    await running;
    return sends.map((s) => s.clientId);
  }

  const ackedSoFar = () => clients.reduce((n, c) => n + c.acked.size, 0);

  /** Waits until the burst is under way (a send acked per client, on average) and returns how many were acked by then. */
  async function underWay(): Promise<number> {
    await vi.waitUntil(() => ackedSoFar() >= clients.length, { timeout: 30_000, interval: 5 });
    return ackedSoFar();
  }

  /** Every acked message exists exactly once, and every client holds them all, in order. */
  async function expectConverged(clientIds: string[]) {
    const db = new pg.Client({ connectionString: database.url });
    await db.connect();
    const { rows } = await db.query(`SELECT "clientId", count(*)::int AS n FROM "Message" WHERE "clientId" = ANY($1) GROUP BY "clientId"`, [clientIds]);
    await db.end();
    expect(rows.length).toBe(clientIds.length);
    expect(rows.every((r) => r.n === 1)).toBe(true);

    await Promise.all(clients.map((c) => c.catchUp()));
    for (const [i, client] of clients.entries()) {
      const held = heldInOrder(client, conversationOf(i));
      expect(held.map((m) => m.seq)).toEqual(held.map((_, k) => k + 1)); // 1..n, no gap, no double
      const ownAndOthers = clientIds.filter((id) => Number(id.split("-")[1]) < 3 === i < 3);
      expect(held.map((m) => m.clientId)).toEqual(expect.arrayContaining(ownAndOthers));
    }
  }

  it("delivers live across nodes: a message sent on node A reaches a socket on node B", async () => {
    const [alice, bob] = users;
    const onB = await connectSocket(nodeB.url, bob.token);
    const onA = await connectSocket(nodeA.url, alice.token);
    const ack = await onA.emitWithAck("message:send", { conversationId: conversationIds[0], clientId: "cross-node", text: "across" });
    expect(ack.ok).toBe(true);
    const pushed = await nextEvent(onB, "message:new", (p) => p.message.clientId === "cross-node");
    expect(pushed.message.id).toBe(ack.message.id);
    onA.close();
    onB.close();
  });

  it("loses and doubles nothing when a node is killed during a burst", async () => {
    // Half the clients start on node B, the one that dies; they fail over to node A.
    await connectClients((i) => (i % 2 ? [nodeB.url, nodeA.url] : [nodeA.url, nodeB.url]));
    let ackedBefore = 0;
    const ids = await burst("kill", 12, async () => {
      ackedBefore = await underWay();
      await nodeB.restart(); // SIGKILL, then back on the same port
    });
    expect(ackedBefore).toBeLessThan(ids.length); // the kill fell in the middle of the burst
    await expectConverged(ids);
  });

  it("keeps delivering across nodes after Redis restarts", async () => {
    await connectClients((i) => (i % 2 ? [nodeB.url, nodeA.url] : [nodeA.url, nodeB.url]));
    let ackedBefore = 0;
    const ids = await burst("redis", 8, async () => {
      ackedBefore = await underWay();
      await redis.restart();
    });
    expect(ackedBefore).toBeLessThan(ids.length); // the restart fell in the middle of the burst
    await expectConverged(ids);

    // Live cross-node delivery works again once the adapter has reconnected.
    const [alice, bob] = users;
    const onB = await connectSocket(nodeB.url, bob.token);
    const onA = await connectSocket(nodeA.url, alice.token);
    let delivered = false;
    for (let attempt = 0; attempt < 20 && !delivered; attempt++) {
      const clientId = `after-redis-${attempt}`;
      await onA.emitWithAck("message:send", { conversationId: conversationIds[0], clientId, text: "after" });
      delivered = await nextEvent(onB, "message:new", (p) => p.message.clientId === clientId, 1000).then(
        () => true,
        () => false,
      );
    }
    expect(delivered).toBe(true);
    onA.close();
    onB.close();
  });

  it("recovers when the database drops every connection for a moment", async () => {
    await connectClients(() => [nodeA.url, nodeB.url]);
    let ackedBefore = 0;
    const ids = await burst("dbdrop", 8, async () => {
      ackedBefore = await underWay();
      const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
      await admin.connect();
      const name = new URL(database.url).pathname.slice(1);
      await admin.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()", [name]);
      await admin.end();
    });
    expect(ackedBefore).toBeLessThan(ids.length); // the drop fell in the middle of the burst
    await expectConverged(ids);
  });
});
