// Never lost, never doubled: the server is killed (SIGKILL) and restarted in the middle of a
// burst of sends from several socket clients. Each client sends in order from an outbox and
// retries an unacked send with the same clientId until it is acked; after reconnecting it
// catches up with GET …/messages?after=<last seq held>. Afterwards every acked message exists
// exactly once and every client holds all of them, in seq order.
import { expect, it, vi } from "vitest";
import type { Socket } from "socket.io-client";
import type { Db } from "@/db/client";
import { createUser, type TestUser } from "../helpers/api";
import { befriend, cid, closeDbs, serverDb, startGroup } from "../helpers/chat";
import { serverPerFile } from "../helpers/server-per-file";
import type { TestServer } from "../helpers/server";
import { connectSocket } from "../helpers/socket";

let server: TestServer;
let db: Db;
serverPerFile((s, d) => ((server = s), (db = d)));

const PER_CLIENT = 12; // under the rate limit (20 per 10 s) even with a few counted retries

class Client {
  held = new Map<number, any>();
  acked: any[] = [];
  constructor(
    readonly user: TestUser,
    readonly socket: Socket,
    readonly conversationId: string,
  ) {
    socket.on("message:new", ({ message }: { message: any }) => {
      if (message.conversationId === conversationId) this.hold(message);
    });
    socket.on("connect", () => void this.catchUp().catch(() => {}));
  }

  hold(message: any) {
    const before = this.held.get(message.seq);
    if (before && before.id !== message.id) throw new Error(`two messages with seq ${message.seq}`);
    this.held.set(message.seq, message);
  }

  /** The highest seq held with no gap below it. */
  lastContiguous() {
    let seq = 0;
    while (this.held.has(seq + 1)) seq++;
    return seq;
  }

  async catchUp() {
    for (;;) {
      const res = await this.user.api.get(`/api/conversations/${this.conversationId}/messages?after=${this.lastContiguous()}&limit=100`);
      if (res.status !== 200) throw new Error(`catch-up failed: ${res.status}`);
      for (const m of res.body.messages) this.hold(m);
      if (res.body.messages.length < 100) return;
    }
  }

  /** The outbox: one message at a time, in order, each retried with its clientId until acked. */
  async sendAll(texts: string[]) {
    for (const text of texts) {
      const clientId = cid("burst");
      for (;;) {
        if (!this.socket.connected) {
          await new Promise<void>((r) => this.socket.once("connect", () => r())); // it reconnects by itself
          continue;
        }
        try {
          const ack = await this.socket.timeout(3000).emitWithAck("message:send", { conversationId: this.conversationId, clientId, text });
          if (!ack.ok) throw new Error(`refused: ${JSON.stringify(ack.error)}`);
          this.acked.push(ack.message);
          this.hold(ack.message);
          break;
        } catch (e) {
          if (String(e).includes("refused")) throw e;
          // No ack (the server died or the socket dropped): send the same clientId again.
        }
      }
    }
  }
}

it("kills and restarts the server during a burst of sends with retries: every acked message exists once, every client holds all in seq order", { timeout: 240_000 }, async () => {
  const users = [await createUser(server.url), await createUser(server.url), await createUser(server.url), await createUser(server.url)];
  for (const u of users.slice(1)) await befriend(db, users[0], u);
  const { conversation } = await startGroup(users[0], users.slice(1), "Burst", "start");
  const clients: Client[] = [];
  for (const u of users) {
    const socket = await connectSocket(server.url, u.token, { reconnection: true });
    clients.push(new Client(u, socket, conversation.id));
  }
  try {
    const sending = clients.map((c, i) => c.sendAll(Array.from({ length: PER_CLIENT }, (_, n) => `client ${i} message ${n}`)));
    // Kill the server once the burst is under way.
    await vi.waitUntil(() => clients.reduce((sum, c) => sum + c.acked.length, 0) >= 8, { timeout: 30_000, interval: 5 });
    // The test's own connection to the database is closed first: the restarted server's
    // migration step wants the SQLite file to itself.
    await closeDbs();
    const ackedBeforeKill = clients.reduce((sum, c) => sum + c.acked.length, 0);
    await server.restart();
    db = serverDb(server);
    await Promise.all(sending);
    for (const c of clients) await c.catchUp();

    const rows = await db.message.findMany({ where: { conversationId: conversation.id }, orderBy: { seq: "asc" } });
    const acked = clients.flatMap((c) => c.acked);
    expect(acked).toHaveLength(users.length * PER_CLIENT);
    expect(ackedBeforeKill).toBeLessThan(acked.length); // the kill did fall in the middle of the burst
    // Every acked message is stored exactly once, as acked.
    for (const m of acked) {
      const matches = rows.filter((r) => r.senderId === m.senderId && r.clientId === m.clientId);
      expect(matches).toHaveLength(1);
      expect(matches[0]).toMatchObject({ id: m.id, seq: m.seq, text: m.text });
    }
    // Nothing else was stored (the first message plus the acked ones), and seqs are gap-free.
    expect(rows).toHaveLength(1 + acked.length);
    expect(rows.map((r) => r.seq)).toEqual(rows.map((_, i) => i + 1));
    // Each client's own messages went out in its order.
    for (const c of clients) {
      const seqs = c.acked.map((m) => m.seq);
      expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    }
    // Every client holds everything, in seq order, once.
    for (const c of clients) {
      const held = [...c.held.values()].sort((x, y) => x.seq - y.seq);
      expect(held.map((m) => m.id)).toEqual(rows.map((r) => r.id));
    }
  } finally {
    for (const c of clients) c.socket.close();
  }
});
