// Room fan-out: one message in a room of 300 reaches all 300 sockets. Measures, per
// message, the time from the sender's emit to each socket's receipt, and to the last one.
import type { Socket } from "socket.io-client";
import { ROOMS } from "../src/shared/limits";
import { createCreator, createFans, serverDb } from "../tests/helpers/rooms";
import type { TestServer } from "../tests/helpers/server";
import { connectSocket } from "../tests/helpers/socket";
import { summarize } from "./lib/stats";

const MESSAGES = 200;

export async function benchRooms(server: TestServer) {
  const db = serverDb(server);
  try {
    const creator = await createCreator(server, db);
    const room = (await creator.api.post("/api/rooms", { name: "Bench", audience: "subscribers" })).body.room;
    const topicId = (await creator.api.get(`/api/rooms/${room.id}/topics`)).body.topics[0].id;
    const fans = await createFans(server, db, creator.id, ROOMS.maxParticipants - 1);
    await db.roomMember.createMany({ data: fans.map((f) => ({ roomId: room.id, userId: f.id })) });

    const sockets: Socket[] = [];
    for (let i = 0; i < fans.length; i += 50) sockets.push(...(await Promise.all(fans.slice(i, i + 50).map((f) => connectSocket(server.url, f.token)))));
    sockets.push(await connectSocket(server.url, creator.token));
    // Senders take turns: each member's messages count against the per-user rate limit.
    let turn = 0;

    // Each message: resolve when every socket has it (the sender's socket in its ack: the push skips it).
    let expected = "";
    let pending = new Set<Socket>();
    let started = 0;
    const deliveries: number[] = [];
    let done: () => void = () => {};
    const arrived = (s: Socket, clientId: string) => {
      if (clientId !== expected || !pending.has(s)) return;
      pending.delete(s);
      deliveries.push(performance.now() - started);
      if (pending.size === 0) done();
    };
    for (const s of sockets) s.on("room:message:new", (e: { message: { clientId: string } }) => arrived(s, e.message.clientId));
    const broadcast = (clientId: string) =>
      new Promise<number>((resolve, reject) => {
        expected = clientId;
        pending = new Set(sockets);
        const timer = setTimeout(() => reject(new Error(`${pending.size} sockets missed ${clientId}`)), 15_000);
        done = () => {
          clearTimeout(timer);
          resolve(performance.now() - started);
        };
        started = performance.now();
        const sender = sockets[turn++ % sockets.length];
        sender.emit("room:message:send", { roomId: room.id, topicId, clientId, text: `bench ${clientId}` }, (ack: { ok: boolean; message?: { clientId: string } }) => {
          if (ack.ok && ack.message) arrived(sender, ack.message.clientId);
        });
      });

    // Warm up until every socket has joined the room's channel (joined on connect).
    for (let i = 0; ; i++) {
      try {
        await broadcast(`warm-${i}`);
        break;
      } catch (e) {
        if (i > 5) throw e;
      }
    }
    deliveries.length = 0;
    const lastArrivals: number[] = [];
    const t0 = performance.now();
    for (let i = 0; i < MESSAGES; i++) lastArrivals.push(await broadcast(`m-${i}`));
    const elapsed = performance.now() - t0;
    for (const s of sockets) s.close();
    const all = summarize(`room of ${sockets.length}: emit → all ${sockets.length} sockets`, lastArrivals, elapsed);
    return [{ ...all, target: `p99 < 50 ms: ${all["p99 ms"] < 50 ? "met" : "NOT met"}` }, summarize(`room of ${sockets.length}: emit → each socket`, deliveries, elapsed)];
  } finally {
    await db.$disconnect();
  }
}
