import type { Socket } from "socket.io-client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import type { TestUser } from "../helpers/api";
import { createCreator, createFans, serverDb, type BulkFan } from "../helpers/rooms";
import { startServer, type TestServer } from "../helpers/server";
import { connectSocket, drainEvents, emitWithAck, nextEvent } from "../helpers/socket";

let server: TestServer;
let db: Db;
const sockets: Socket[] = [];
beforeAll(async () => {
  server = await startServer({ env: { MURMUR_ANNOUNCEMENT_SWEEP_MS: "200" } });
  db = serverDb(server);
});
afterEach(() => {
  for (const s of sockets.splice(0)) s.close();
});
afterAll(async () => {
  await db?.$disconnect();
  await server?.stop();
});

async function socketOf(user: { token: string }) {
  const s = await connectSocket(server.url, user.token);
  sockets.push(s);
  await nextEvent(s, "hello");
  return s;
}

/** A room with a moderator and fans, everyone joined; the general topic's id. */
async function setup(fanCount = 2) {
  const creator = await createCreator(server, db);
  const room = (await creator.api.post("/api/rooms", { name: "Live room", audience: "both" })).body.room;
  const fans = await createFans(server, db, creator.id, fanCount + 1);
  for (const f of fans) expect((await f.api.post(`/api/rooms/${room.id}/join`)).status).toBe(200);
  const [mod, ...rest] = fans;
  await creator.api.post(`/api/rooms/${room.id}/moderators`, { userId: mod.id });
  const topicId = (await creator.api.get(`/api/rooms/${room.id}/topics`)).body.topics[0].id as string;
  return { creator, room: room as { id: string }, mod, fans: rest, topicId };
}

describe("room:message:send", () => {
  it("acks with the message and fans it out to every member's sockets, not to outsiders; a retry is not doubled", async () => {
    const { creator, room, mod, fans, topicId } = await setup();
    // Sockets connected after joining: the server puts them in the room's channel on connect.
    const [cs, ms, fs] = await Promise.all([socketOf(creator), socketOf(mod), socketOf(fans[0])]);
    const [outsider] = await createFans(server, db, creator.id, 1);
    const os = await socketOf(outsider);
    const ack = await emitWithAck(fs, "room:message:send", { roomId: room.id, topicId, clientId: "s1", text: "hello room" });
    expect(ack).toMatchObject({ ok: true, message: { seq: 1, clientId: "s1", senderId: fans[0].id, kind: "text", text: "hello room" } });
    for (const s of [cs, ms]) {
      const event = await nextEvent(s, "room:message:new");
      expect(event).toEqual({ roomId: room.id, topicId, message: ack.message });
    }
    const again = await emitWithAck(fs, "room:message:send", { roomId: room.id, topicId, clientId: "s1", text: "hello room" });
    expect(again.message.id).toBe(ack.message.id);
    const http = (await fans[0].api.get(`/api/rooms/${room.id}/topics/${topicId}/messages`)).body.messages;
    expect(http).toEqual([ack.message]);
    // The outsider gets nothing and cannot send.
    const refused = await emitWithAck(os, "room:message:send", { roomId: room.id, topicId, clientId: "o1", text: "let me in" });
    expect(refused).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    await emitWithAck(cs, "room:message:send", { roomId: room.id, topicId, clientId: "c2", text: "sync" });
    await nextEvent(fs, "room:message:new", (e) => e.message.clientId === "c2");
    expect(drainEvents(os, "room:message:new")).toEqual([]);
    // The sender's socket had its own message in the ack only (and c2 was taken above).
    expect(drainEvents(fs, "room:message:new")).toEqual([]);
  });

  it("answers bad input with VALIDATION_FAILED and stores nothing", async () => {
    const { room, fans, topicId } = await setup(1);
    const fs = await socketOf(fans[0]);
    for (const bad of [{ roomId: room.id, topicId, clientId: "x" }, { roomId: room.id, clientId: "x", text: "no topic" }, "nonsense"]) {
      expect((await emitWithAck(fs, "room:message:send", bad)).error.code).toBe("VALIDATION_FAILED");
    }
    expect((await fans[0].api.get(`/api/rooms/${room.id}/topics/${topicId}/messages`)).body.messages).toEqual([]);
  });

  it("a member who joins while connected receives the room at once", async () => {
    const creator = await createCreator(server, db);
    const room = (await creator.api.post("/api/rooms", { name: "R", audience: "subscribers" })).body.room;
    const [fan] = await createFans(server, db, creator.id, 1);
    const fs = await socketOf(fan);
    await fan.api.post(`/api/rooms/${room.id}/join`);
    const topicId = (await creator.api.get(`/api/rooms/${room.id}/topics`)).body.topics[0].id;
    await creator.api.post(`/api/rooms/${room.id}/topics/${topicId}/messages`, { clientId: "w", text: "welcome" });
    expect((await nextEvent(fs, "room:message:new")).message.text).toBe("welcome");
  });

  it("a timed-out member's sends are refused with TIMED_OUT until the time is up", async () => {
    const { room, mod, fans, topicId } = await setup(1);
    const fs = await socketOf(fans[0]);
    await mod.api.post(`/api/rooms/${room.id}/timeouts`, { userId: fans[0].id, minutes: 60 });
    expect(await nextEvent(fs, "room:member:timedout")).toMatchObject({ roomId: room.id, userId: fans[0].id });
    const refused = await emitWithAck(fs, "room:message:send", { roomId: room.id, topicId, clientId: "t1", text: "hey" });
    expect(refused).toMatchObject({ ok: false, error: { code: "TIMED_OUT" } });
    await db.roomTimeout.updateMany({ where: { roomId: room.id, userId: fans[0].id }, data: { until: new Date(Date.now() - 1) } });
    expect((await emitWithAck(fs, "room:message:send", { roomId: room.id, topicId, clientId: "t1", text: "hey" })).ok).toBe(true);
  });

  it("slow mode answers SLOW_MODE with retryAfter in the ack", async () => {
    const { creator, room, fans, topicId } = await setup(1);
    await creator.api.patch(`/api/rooms/${room.id}`, { slowModeSeconds: 60 });
    const fs = await socketOf(fans[0]);
    expect((await emitWithAck(fs, "room:message:send", { roomId: room.id, topicId, clientId: "a", text: "1" })).ok).toBe(true);
    const slow = await emitWithAck(fs, "room:message:send", { roomId: room.id, topicId, clientId: "b", text: "2" });
    expect(slow).toMatchObject({ ok: false, error: { code: "SLOW_MODE", retryAfter: expect.any(Number) } });
  });
});

describe("bans in real time", () => {
  it("a ban removes the member live: their socket hears room:member:banned and no more room messages, and they cannot rejoin", async () => {
    const { creator, room, mod, fans, topicId } = await setup(2);
    const [spammer, bystander]: BulkFan[] = fans;
    const [ss, bs] = await Promise.all([socketOf(spammer), socketOf(bystander)]);
    await emitWithAck(ss, "room:message:send", { roomId: room.id, topicId, clientId: "spam", text: "buy followers" });
    await nextEvent(bs, "room:message:new");

    expect((await mod.api.post(`/api/rooms/${room.id}/bans`, { userId: spammer.id, reason: "spam" })).status).toBe(201);
    expect(await nextEvent(ss, "room:member:banned")).toEqual({ roomId: room.id, userId: spammer.id });
    expect(await nextEvent(bs, "room:member:banned")).toEqual({ roomId: room.id, userId: spammer.id });

    drainEvents(ss, "room:message:new");
    await creator.api.post(`/api/rooms/${room.id}/topics/${topicId}/messages`, { clientId: "after", text: "still here?" });
    await nextEvent(bs, "room:message:new", (e) => e.message.clientId === "after");
    expect(drainEvents(ss, "room:message:new")).toEqual([]);
    const send = await emitWithAck(ss, "room:message:send", { roomId: room.id, topicId, clientId: "again", text: "hi" });
    expect(send.error.code).toBe("NOT_FOUND");
    const rejoin = await spammer.api.post(`/api/rooms/${room.id}/join`);
    expect([rejoin.status, rejoin.body.error.code]).toEqual([403, "BANNED"]);
  });

  it("moderators cannot ban the creator or another moderator", async () => {
    const { creator, room, mod } = await setup(0);
    const [mod2] = await createFans(server, db, creator.id, 1);
    await mod2.api.post(`/api/rooms/${room.id}/join`);
    await creator.api.post(`/api/rooms/${room.id}/moderators`, { userId: mod2.id });
    const cs = await socketOf(creator as TestUser);
    for (const target of [creator.id, mod2.id]) {
      expect((await mod.api.post(`/api/rooms/${room.id}/bans`, { userId: target })).body.error.code).toBe("FORBIDDEN");
    }
    expect(drainEvents(cs, "room:member:banned")).toEqual([]);
    expect((await creator.api.get(`/api/rooms/${room.id}/members`)).body.members).toHaveLength(3);
  });
});

describe("announcements and deletions in real time", () => {
  it("members see a new announcement, then a notice when it starts", async () => {
    const { creator, room, fans } = await setup(1);
    const fs = await socketOf(fans[0]);
    const startsAt = new Date(Date.now() + 1500).toISOString();
    const created = await creator.api.post(`/api/rooms/${room.id}/announcements`, { kind: "launch", title: "New merch", startsAt });
    expect(created.status).toBe(201);
    expect(await nextEvent(fs, "room:announcement", (e) => e.state === "scheduled")).toMatchObject({ roomId: room.id, announcement: { id: created.body.announcement.id } });
    const started = await nextEvent(fs, "room:announcement", (e) => e.state === "started", 10_000);
    expect(started.announcement).toMatchObject({ id: created.body.announcement.id, title: "New merch", started: true });
  });

  it("a deleted message is pushed as room:message:deleted", async () => {
    const { room, mod, fans, topicId } = await setup(1);
    const fs = await socketOf(fans[0]);
    const ack = await emitWithAck(fs, "room:message:send", { roomId: room.id, topicId, clientId: "d", text: "oops" });
    await mod.api.delete(`/api/rooms/${room.id}/messages/${ack.message.id}`);
    const deleted = await nextEvent(fs, "room:message:deleted");
    expect(deleted).toMatchObject({ roomId: room.id, topicId, messageId: ack.message.id, message: { deletedAt: expect.any(String) } });
  });
});

describe("a room view's sync points", () => {
  it("rooms:ready names exactly the rooms a socket now hears, after each connect; an outsider's names none of them", async () => {
    const { creator, room, fans } = await setup(1);
    const fs = await connectSocket(server.url, fans[0].token);
    sockets.push(fs);
    expect((await nextEvent(fs, "rooms:ready")).roomIds).toEqual([room.id]);
    // Whatever is posted from here on is pushed to it: a view that fetched before this loses nothing.
    const topicId = (await creator.api.get(`/api/rooms/${room.id}/topics`)).body.topics[0].id;
    await creator.api.post(`/api/rooms/${room.id}/topics/${topicId}/messages`, { clientId: "after-ready", text: "after ready" });
    expect((await nextEvent(fs, "room:message:new")).message.text).toBe("after ready");

    const [outsider] = await createFans(server, db, creator.id, 1);
    const os = await connectSocket(server.url, outsider.token);
    sockets.push(os);
    expect((await nextEvent(os, "rooms:ready")).roomIds).toEqual([]);
  });

  it("room:updated names its room (a view filters events by roomId), without the invite code", async () => {
    const { creator, room, fans } = await setup(1);
    const fs = await socketOf(fans[0]);
    await nextEvent(fs, "rooms:ready");
    expect((await creator.api.patch(`/api/rooms/${room.id}`, { name: "Renamed room" })).status).toBe(200);
    const event = await nextEvent(fs, "room:updated");
    expect(event.roomId).toBe(room.id);
    expect(event.room).toMatchObject({ id: room.id, name: "Renamed room" });
    expect(event.room.inviteCode).toBeUndefined();
  });
});
