// Room membership ends everywhere at once: a member who is banned, leaves, is blocked by
// the creator or whose fan club lapsed gets nothing more from the room, neither while
// connected nor after a drop and a reconnect (the client presents its old session id and
// offset, as Socket.IO's client does: with connection-state recovery that would put the
// socket back into its saved rooms and replay what they were sent meanwhile; the server
// has it off, so the reconnect is a new connection that joins what the database says).
import { io, type Socket } from "socket.io-client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { ROOMS } from "@/shared/limits";
import { createFans, serverDb, type BulkFan } from "../helpers/rooms";
import { startServer, type TestServer } from "../helpers/server";
import { connectSocket, drainEvents, emitWithAck, nextEvent } from "../helpers/socket";
import { dropAndResume, roomWithFans, SERVER_SEES_THE_CLOSE_MS, syncOn, type RoomsFixture } from "../helpers/room-membership";

let server: TestServer;
let db: Db;
const sockets: Socket[] = [];
beforeAll(async () => {
  server = await startServer({ env: { MURMUR_MEMBERSHIP_SWEEP_MS: "200" } });
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

/** A fan connected and live in the rooms (they received a room message). */
async function connectedFan(f: RoomsFixture, fan: BulkFan) {
  const s = await socketOf(fan);
  await syncOn(f, s, f.control);
  return s;
}

/** After the resume: nothing of the attacked room, missed or new, while the control room still flows. */
async function expectCutOff(f: RoomsFixture, s: Socket, missedText: string) {
  await syncOn(f, s, f.control); // the socket is live and in its remaining rooms
  await f.post(f.target, "posted after the resume");
  await f.post(f.control, "control after");
  await nextEvent(s, "room:message:new", (e) => e.message.text === "control after");
  const leaked = drainEvents(s, "room:message:new").filter((e) => e.roomId === f.target.id);
  expect(leaked.map((e) => e.message.text)).toEqual([]);
  expect(missedText).toBeTruthy();
}

describe("a reconnect shortly after a drop", () => {
  it("a member still in the room is a new connection: back in the room, nothing replayed, what they missed in the history", async () => {
    const f = await roomWithFans(server, db, 1);
    const [fan] = f.fans;
    const s = await connectedFan(f, fan);
    await dropAndResume(s, async () => {
      await f.post(f.target, "missed while away");
    });
    expect(s.recovered).not.toBe(true);
    await syncOn(f, s, f.target); // joined again from the database
    expect(drainEvents(s, "room:message:new").map((e) => e.message.text)).not.toContain("missed while away");
    const history = (await fan.api.get(`/api/rooms/${f.target.id}/topics/${f.target.topicId}/messages`)).body.messages as { text: string }[];
    expect(history.map((m) => m.text)).toContain("missed while away");
  });

  it("a banned member gets neither the missed messages nor new ones", async () => {
    const f = await roomWithFans(server, db, 1);
    const [fan] = f.fans;
    const s = await connectedFan(f, fan);
    await dropAndResume(s, async () => {
      expect((await f.mod.api.post(`/api/rooms/${f.target.id}/bans`, { userId: fan.id })).status).toBe(201);
      await f.post(f.target, "missed after the ban");
    });
    await expectCutOff(f, s, "missed after the ban");
    expect((await fan.api.get(`/api/rooms/${f.target.id}/topics/${f.target.topicId}/messages`)).status).toBe(404);
  });

  it("a member who left (from another device) gets neither the missed messages nor new ones", async () => {
    const f = await roomWithFans(server, db, 1);
    const [fan] = f.fans;
    const s = await connectedFan(f, fan);
    await dropAndResume(s, async () => {
      expect((await fan.api.post(`/api/rooms/${f.target.id}/leave`)).status).toBe(200);
      await f.post(f.target, "missed after leaving");
    });
    await expectCutOff(f, s, "missed after leaving");
  });

  it("a fan the creator blocked is out of all the creator's rooms and gets nothing", async () => {
    const f = await roomWithFans(server, db, 1);
    const [fan] = f.fans;
    const s = await connectedFan(f, fan);
    await dropAndResume(s, async () => {
      expect((await f.creator.api.post(`/api/users/${fan.id}/block`)).status).toBe(200);
      await f.post(f.target, "missed after the block");
    });
    // Blocked from the creator: both of the creator's rooms are gone (the control included).
    await f.post(f.target, "after the block");
    await f.post(f.control, "control after the block");
    await f.post(f.other, "sync in another creator's room");
    await nextEvent(s, "room:message:new", (e) => e.message.text === "sync in another creator's room");
    expect(
      drainEvents(s, "room:message:new")
        .filter((e) => e.roomId !== f.other.id)
        .map((e) => e.message.text),
    ).toEqual([]);
    for (const room of [f.target, f.control]) {
      expect((await fan.api.get(`/api/rooms/${room.id}/members`)).status).toBe(404);
      expect((await fan.api.post(`/api/rooms/${room.id}/join`)).body.error.code).toBe("BLOCKED");
    }
  });

  it("a fan whose fan club lapsed while away gets neither the missed messages nor new ones", async () => {
    const f = await roomWithFans(server, db, 1, { as: "fan", audience: "fanclub" });
    const [fan] = f.fans;
    const s = await connectedFan(f, fan);
    await dropAndResume(s, async () => {
      await lapse(fan.id, f.creator.id);
      await f.post(f.target, "missed after the lapse");
    });
    await syncOn(f, s, f.other);
    await f.post(f.target, "after the lapse");
    await f.post(f.other, "other after");
    await nextEvent(s, "room:message:new", (e) => e.message.text === "other after");
    expect(drainEvents(s, "room:message:new").filter((e) => e.roomId !== f.other.id)).toEqual([]);
  });
});

describe("someone else's saved session", () => {
  it("presented with another account's token resumes nothing: the thief is only themself, with no rooms and no replay", async () => {
    const f = await roomWithFans(server, db, 1);
    const s = await connectedFan(f, f.fans[0]);
    const saved = s as unknown as { _pid: string; _lastOffset: string };
    const dropped = new Promise((resolve) => s.once("disconnect", resolve));
    s.io.engine.close();
    await dropped;
    await new Promise((resolve) => setTimeout(resolve, SERVER_SEES_THE_CLOSE_MS)); // see dropAndResume
    await f.post(f.target, "missed by the owner");
    // The thief is nobody's fan here; they present the owner's session id and offset.
    const [thief] = await createFans(server, db, f.other.creator.id, 1);
    const t = io(server.url, { transports: ["websocket"], auth: { token: thief.token }, reconnection: false, forceNew: true, autoConnect: false });
    sockets.push(t);
    const received: string[] = [];
    t.onAny((event: string) => received.push(event));
    Object.assign(t, { _pid: saved._pid, _lastOffset: saved._lastOffset });
    t.connect();
    const outcome = await new Promise<string>((resolve) => {
      t.once("connect", () => resolve("connected"));
      t.once("connect_error", (e) => resolve(e.message));
    });
    // A new connection of the thief's own account: no saved channels, nothing replayed.
    expect(outcome).toBe("connected");
    expect(t.recovered).not.toBe(true);
    await f.post(f.target, "posted after the thief connected");
    // Everything pushed to the thief so far has arrived once a push made after it has.
    const synced = new Promise((resolve) => t.once("me:settings", resolve));
    expect((await thief.api.patch("/api/me/settings", {})).status).toBe(200);
    await synced;
    expect(received.filter((e) => e.startsWith("room:") && e !== "rooms:ready")).toEqual([]);
  });
});

/** Backdates the fan's last fan-club activity past the lapse. */
async function lapse(fanId: string, creatorId: string) {
  const before = new Date(Date.now() - ROOMS.fanClubLapseMs - 60_000);
  await db.fanClubMembership.update({ where: { fanId_creatorId: { fanId, creatorId } }, data: { lastActiveAt: before } });
}

describe("while connected", () => {
  it("a lapsed fan is taken out by the sweep; a subscriber in a room open to both stays", async () => {
    const f = await roomWithFans(server, db, 1, { as: "fan", audience: "fanclub" });
    const [fan] = f.fans;
    const [both] = await createFans(server, db, f.creator.id, 1, { as: "both" });
    expect((await both.api.post(`/api/rooms/${f.control.id}/join`)).status).toBe(200);
    const s = await connectedFan(f, fan);
    await lapse(both.id, f.creator.id);
    await lapse(fan.id, f.creator.id);
    const removed = await nextEvent(s, "room:member:removed", (e) => e.userId === fan.id && e.roomId === f.target.id);
    expect(removed.reason).toBe("audience");
    await f.post(f.target, "after the sweep");
    await f.post(f.control, "control after the sweep");
    await syncOn(f, s, f.other);
    expect(drainEvents(s, "room:message:new").filter((e) => e.roomId !== f.other.id)).toEqual([]);
    // Out of both of the creator's rooms; the lapsed fan who also subscribes stays in the room open to both.
    expect(await db.roomMember.count({ where: { roomId: f.control.id, userId: both.id } })).toBe(1);
    expect(await db.roomMember.count({ where: { userId: fan.id, room: { creatorId: f.creator.id } } })).toBe(0);
  });

  it("a lapsed fan is refused at every access before the sweep, and posting renews the fan club", async () => {
    const f = await roomWithFans(server, db, 1, { as: "fan", audience: "fanclub" });
    const [fan, other] = [f.fans[0], (await createFans(server, db, f.creator.id, 1, { as: "fan" }))[0]];
    expect((await other.api.post(`/api/rooms/${f.target.id}/join`)).status).toBe(200);
    const before = await db.fanClubMembership.findUniqueOrThrow({ where: { fanId_creatorId: { fanId: other.id, creatorId: f.creator.id } } });
    const posted = await other.api.post(`/api/rooms/${f.target.id}/topics/${f.target.topicId}/messages`, { clientId: "renew-1", text: "still here" });
    expect(posted.status).toBe(201);
    const after = await db.fanClubMembership.findUniqueOrThrow({ where: { fanId_creatorId: { fanId: other.id, creatorId: f.creator.id } } });
    expect(after.lastActiveAt.getTime()).toBeGreaterThan(before.lastActiveAt.getTime());
    await lapse(fan.id, f.creator.id);
    const refused = await fan.api.post(`/api/rooms/${f.target.id}/topics/${f.target.topicId}/messages`, { clientId: "lapsed-1", text: "am I in?" });
    expect(refused.status).toBe(404);
    expect((await fan.api.post(`/api/rooms/${f.target.id}/join`)).body.error.code).toBe("NOT_IN_AUDIENCE");
    // Joining the fan club again is the explicit renewal.
    expect((await fan.api.post(`/api/creators/${f.creator.id}/fanclub`)).status).toBe(200);
    expect((await fan.api.post(`/api/rooms/${f.target.id}/join`)).status).toBe(200);
  });

  it("ending the subscription takes the member out of the rooms that needed it, at once", async () => {
    const f = await roomWithFans(server, db, 1, { as: "subscriber", audience: "subscribers" });
    const [fan] = f.fans;
    const s = await connectedFan(f, fan);
    expect((await fan.api.delete(`/api/creators/${f.creator.id}/subscription`)).status).toBe(200);
    await nextEvent(s, "room:member:removed", (e) => e.userId === fan.id && e.roomId === f.target.id);
    await f.post(f.target, "after unsubscribing");
    await syncOn(f, s, f.other);
    expect(drainEvents(s, "room:message:new").filter((e) => e.roomId !== f.other.id)).toEqual([]);
  });

  it("a creator's block takes a connected fan out of the creator's rooms; they cannot post or react any more", async () => {
    const f = await roomWithFans(server, db, 1);
    const [fan] = f.fans;
    const s = await connectedFan(f, fan);
    const before = await f.creator.api.post(`/api/rooms/${f.target.id}/topics/${f.target.topicId}/messages`, { clientId: `b-${Date.now()}`, text: "react to me" });
    expect(before.status).toBe(201);
    expect((await f.creator.api.post(`/api/users/${fan.id}/block`)).status).toBe(200);
    const removed = await nextEvent(s, "room:member:removed", (e) => e.userId === fan.id && e.roomId === f.target.id);
    expect(removed.reason).toBe("blocked");
    const send = await emitWithAck(s, "room:message:send", { roomId: f.target.id, topicId: f.target.topicId, clientId: "blocked-1", text: "still here?" });
    expect(send).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    const react = await fan.api.post(`/api/rooms/${f.target.id}/messages/${before.body.message.id}/reactions`, { emoji: "👍" });
    expect(react.status).toBe(404);
    await f.post(f.target, "after the block");
    await f.post(f.control, "control after the block");
    await syncOn(f, s, f.other);
    const leaked = drainEvents(s, "room:message:new").filter((e) => e.roomId !== f.other.id && e.message.id !== before.body.message.id);
    expect(leaked).toEqual([]);
  });

  it("a banned member's connected socket leaves the room at once", async () => {
    const f = await roomWithFans(server, db, 1);
    const [fan] = f.fans;
    const s = await connectedFan(f, fan);
    expect((await f.creator.api.post(`/api/rooms/${f.target.id}/bans`, { userId: fan.id })).status).toBe(201);
    await nextEvent(s, "room:member:banned", (e) => e.userId === fan.id);
    await expectCutOff(f, s, "-");
  });
});

describe("unbanning", () => {
  it("a moderator cannot lift the creator's ban (CREATOR_BAN), the creator can lift any", async () => {
    const f = await roomWithFans(server, db, 2);
    const [a, b] = f.fans;
    expect((await f.creator.api.post(`/api/rooms/${f.target.id}/bans`, { userId: a.id })).status).toBe(201);
    expect((await f.mod.api.post(`/api/rooms/${f.target.id}/bans`, { userId: b.id })).status).toBe(201);
    const refused = await f.mod.api.delete(`/api/rooms/${f.target.id}/bans/${a.id}`);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("CREATOR_BAN");
    expect(await db.roomBan.count({ where: { roomId: f.target.id, userId: a.id } })).toBe(1);
    expect((await f.mod.api.delete(`/api/rooms/${f.target.id}/bans/${b.id}`)).status).toBe(200);
    expect((await f.mod.api.post(`/api/rooms/${f.target.id}/bans`, { userId: b.id })).status).toBe(201);
    expect((await f.creator.api.delete(`/api/rooms/${f.target.id}/bans/${b.id}`)).status).toBe(200);
    expect((await f.creator.api.delete(`/api/rooms/${f.target.id}/bans/${a.id}`)).status).toBe(200);
    expect(await db.roomBan.count({ where: { roomId: f.target.id } })).toBe(0);
  });
});
