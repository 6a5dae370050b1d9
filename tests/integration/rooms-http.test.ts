import { describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { ROOMS } from "@/shared/limits";
import type { TestUser } from "../helpers/api";
import { createCreator, createFans } from "../helpers/rooms";
import { serverPerFile } from "../helpers/server-per-file";
import type { TestServer } from "../helpers/server";

let server: TestServer;
let db: Db;
serverPerFile((s, d) => ((server = s), (db = d)));

async function newRoom(creator: TestUser, audience = "subscribers") {
  const res = await creator.api.post("/api/rooms", { name: "Dance club", description: "Practice together", audience });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.room as { id: string; inviteCode: string };
}
async function generalTopic(user: { api: TestUser["api"] }, roomId: string) {
  const res = await user.api.get(`/api/rooms/${roomId}/topics`);
  return res.body.topics.find((t: { isGeneral: boolean }) => t.isGeneral).id as string;
}

describe("POST /api/rooms: eligibility and the 20-room limit", () => {
  it("refuses 9,999 followers, no subscription and no fan club, and a 17-year-old: 403 NOT_ELIGIBLE with the reason, nothing created", async () => {
    const cases = [
      [{ followers: ROOMS.creatorMinFollowers - 1 }, "followers"],
      [{ subscriptions: false, fanClub: false }, "subscriptionOrFanClub"],
      [{ age: 17 }, "age"],
    ] as const;
    for (const [options, reason] of cases) {
      const creator = await createCreator(server, db, options);
      const res = await creator.api.post("/api/rooms", { name: "Nope", audience: "fanclub" });
      expect(res.status).toBe(403);
      expect(res.body.error).toMatchObject({ code: "NOT_ELIGIBLE", details: { reasons: [reason] } });
      expect((await creator.api.get("/api/rooms")).body.rooms).toEqual([]);
      expect((await creator.api.get("/api/rooms/eligibility")).body.eligibility).toMatchObject({ eligible: false, reasons: [reason] });
    }
  });

  it("creates the 20th room and refuses the 21st with 422 ROOM_LIMIT_REACHED", async () => {
    const creator = await createCreator(server, db);
    for (let i = 1; i <= ROOMS.maxRoomsPerCreator; i++) {
      const res = await creator.api.post("/api/rooms", { name: `Room ${i}`, audience: "both" });
      expect(res.status).toBe(201);
    }
    const res = await creator.api.post("/api/rooms", { name: "One too many", audience: "both" });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("ROOM_LIMIT_REACHED");
    const rooms = (await creator.api.get("/api/rooms")).body.rooms;
    expect(rooms).toHaveLength(ROOMS.maxRoomsPerCreator);
    expect(rooms[0]).toMatchObject({ myRole: "creator", memberCount: 1, creator: { id: creator.id } });
  });

  it("answers 400 for bad input and creates nothing", async () => {
    const creator = await createCreator(server, db);
    for (const body of [
      { name: "", audience: "both" },
      { name: "x", audience: "everyone" },
      { name: "x".repeat(ROOMS.nameMax + 1), audience: "both" },
    ]) {
      expect((await creator.api.post("/api/rooms", body)).status).toBe(400);
    }
    expect((await creator.api.get("/api/rooms")).body.rooms).toEqual([]);
  });
});

describe("joining: 300 participants, the audience, age and bans", () => {
  it("lets the 300th participant in and refuses the 301st, also when joins race", async () => {
    const creator = await createCreator(server, db);
    const room = await newRoom(creator);
    const fans = await createFans(server, db, creator.id, ROOMS.maxParticipants + 2);
    // The creator and 295 members: 4 seats left, 6 fans race for them.
    await db.roomMember.createMany({ data: fans.slice(0, ROOMS.maxParticipants - 5).map((f) => ({ roomId: room.id, userId: f.id })) });
    const racers = fans.slice(ROOMS.maxParticipants - 5, ROOMS.maxParticipants + 1);
    const answers = await Promise.all(racers.map((f) => f.api.post(`/api/rooms/${room.id}/join`)));
    expect(answers.filter((a) => a.status === 200)).toHaveLength(4);
    const refused = answers.filter((a) => a.status !== 200);
    expect(refused.map((a) => [a.status, a.body.error.code])).toEqual([
      [422, "ROOM_FULL"],
      [422, "ROOM_FULL"],
    ]);
    expect(answers.find((a) => a.status === 200)!.body.membership).toMatchObject({ roomId: room.id, role: "member" });
    const members = (await creator.api.get(`/api/rooms/${room.id}/members`)).body.members;
    expect(members).toHaveLength(ROOMS.maxParticipants);
    expect(members[0]).toMatchObject({ id: creator.id, role: "creator" });
    expect((await fans.at(-1)!.api.post(`/api/rooms/${room.id}/join`)).body.error.code).toBe("ROOM_FULL");
  });

  it("admits only the audience, nobody under 16; hides the room from outsiders", async () => {
    const creator = await createCreator(server, db);
    const room = await newRoom(creator, "fanclub");
    const [subscriber] = await createFans(server, db, creator.id, 1, { as: "subscriber" });
    const [kid] = await createFans(server, db, creator.id, 1, { as: "fan", age: 15 });
    const [fan] = await createFans(server, db, creator.id, 1, { as: "fan", age: 16 });
    for (const path of [`/api/rooms/${room.id}`, `/api/rooms/${room.id}/members`, `/api/rooms/${room.id}/topics`, `/api/rooms/${room.id}/announcements`]) {
      expect((await subscriber.api.get(path)).status, path).toBe(404);
    }
    expect((await subscriber.api.get(`/api/rooms/${room.id}/topics/x/messages`)).status).toBe(404);
    const notAudience = await subscriber.api.post(`/api/rooms/${room.id}/join`);
    expect([notAudience.status, notAudience.body.error.code]).toEqual([403, "NOT_IN_AUDIENCE"]);
    const young = await kid.api.post(`/api/rooms/${room.id}/join`);
    expect([young.status, young.body.error.code]).toEqual([403, "AGE_RESTRICTED"]);
    expect((await fan.api.get("/api/rooms")).body.joinable.map((r: { id: string }) => r.id)).toEqual([room.id]);
    expect((await fan.api.get("/api/rooms/joinable?limit=5")).body).toMatchObject({ rooms: [{ id: room.id }], nextCursor: null, hasMore: false });
    expect((await subscriber.api.get("/api/rooms/joinable")).body.rooms).toEqual([]); // not in this room's audience
    expect((await fan.api.post(`/api/rooms/${room.id}/join`)).status).toBe(200);
    expect((await fan.api.get("/api/rooms/joinable")).body.rooms).toEqual([]); // in it now
    expect((await fan.api.get("/api/rooms?limit=1")).body).toMatchObject({ rooms: [{ id: room.id }], hasMore: false });
    expect((await fan.api.get(`/api/rooms/${room.id}`)).body.room).toMatchObject({ id: room.id, myRole: "member", memberCount: 2 });
    expect((await fan.api.get(`/api/rooms/${room.id}`)).body.room).not.toHaveProperty("inviteCode");
    expect((await fan.api.post(`/api/rooms/${room.id}/leave`)).status).toBe(200);
    expect((await fan.api.get(`/api/rooms/${room.id}`)).status).toBe(404);
    expect((await creator.api.post(`/api/rooms/${room.id}/leave`)).body.error.code).toBe("FORBIDDEN");
  });
});

describe("moderation", () => {
  it("names the 5th moderator and refuses the 6th; only the creator names them", async () => {
    const creator = await createCreator(server, db);
    const room = await newRoom(creator);
    const fans = await createFans(server, db, creator.id, 7);
    for (const f of fans) expect((await f.api.post(`/api/rooms/${room.id}/join`)).status).toBe(200);
    const byMember = await fans[6].api.post(`/api/rooms/${room.id}/moderators`, { userId: fans[5].id });
    expect([byMember.status, byMember.body.error.code]).toEqual([403, "FORBIDDEN"]);
    for (const f of fans.slice(0, 5)) {
      const res = await creator.api.post(`/api/rooms/${room.id}/moderators`, { userId: f.id });
      expect(res.body.membership).toMatchObject({ userId: f.id, role: "moderator" });
    }
    const sixth = await creator.api.post(`/api/rooms/${room.id}/moderators`, { userId: fans[5].id });
    expect([sixth.status, sixth.body.error.code]).toEqual([422, "MODERATOR_LIMIT_REACHED"]);
    expect((await creator.api.delete(`/api/rooms/${room.id}/moderators/${fans[0].id}`)).body.membership.role).toBe("member");
    expect((await creator.api.post(`/api/rooms/${room.id}/moderators`, { userId: fans[5].id })).status).toBe(200);
    const roles = (await creator.api.get(`/api/rooms/${room.id}/members`)).body.members.map((m: { role: string }) => m.role);
    expect(roles.filter((r: string) => r === "moderator")).toHaveLength(5);
  });

  it("a moderator cannot ban or time out the creator or another moderator; bans stop rejoining until unbanned; the log tells it", async () => {
    const creator = await createCreator(server, db);
    const room = await newRoom(creator);
    const [mod, mod2, spammer] = await createFans(server, db, creator.id, 3);
    for (const f of [mod, mod2, spammer]) await f.api.post(`/api/rooms/${room.id}/join`);
    await creator.api.post(`/api/rooms/${room.id}/moderators`, { userId: mod.id });
    await creator.api.post(`/api/rooms/${room.id}/moderators`, { userId: mod2.id });
    for (const target of [creator.id, mod2.id]) {
      const ban = await mod.api.post(`/api/rooms/${room.id}/bans`, { userId: target });
      expect([ban.status, ban.body.error.code]).toEqual([403, "FORBIDDEN"]);
      const timeout = await mod.api.post(`/api/rooms/${room.id}/timeouts`, { userId: target, minutes: 10 });
      expect([timeout.status, timeout.body.error.code]).toEqual([403, "FORBIDDEN"]);
    }
    expect((await spammer.api.post(`/api/rooms/${room.id}/bans`, { userId: mod.id })).body.error.code).toBe("FORBIDDEN");
    expect(await db.roomBan.count({ where: { roomId: room.id } })).toBe(0);

    expect((await mod.api.post(`/api/rooms/${room.id}/bans`, { userId: spammer.id, reason: "spam links" })).status).toBe(201);
    expect((await spammer.api.get(`/api/rooms/${room.id}/topics`)).status).toBe(404);
    const rejoin = await spammer.api.post(`/api/rooms/${room.id}/join`);
    expect([rejoin.status, rejoin.body.error.code]).toEqual([403, "BANNED"]);
    expect((await mod.api.get(`/api/rooms/${room.id}/bans`)).body.bans).toMatchObject([{ userId: spammer.id, reason: "spam links" }]);
    expect((await mod.api.delete(`/api/rooms/${room.id}/bans/${spammer.id}`)).status).toBe(200);
    expect((await spammer.api.post(`/api/rooms/${room.id}/join`)).status).toBe(200);

    const log = await mod2.api.get(`/api/rooms/${room.id}/moderation-log`);
    expect(log.body.entries.map((e: { action: string }) => e.action)).toEqual(["unban", "ban", "add_moderator", "add_moderator"]);
    expect(log.body.entries[1]).toMatchObject({ actor: { id: mod.id }, target: { id: spammer.id }, reason: "spam links", createdAt: expect.any(String) });
    expect((await spammer.api.get(`/api/rooms/${room.id}/moderation-log`)).body.error.code).toBe("FORBIDDEN");
  });

  it("a timed-out member can read but cannot post until the time is up", async () => {
    const creator = await createCreator(server, db);
    const room = await newRoom(creator);
    const [fan] = await createFans(server, db, creator.id, 1);
    await fan.api.post(`/api/rooms/${room.id}/join`);
    const topic = await generalTopic(creator, room.id);
    expect((await creator.api.post(`/api/rooms/${room.id}/timeouts`, { userId: fan.id, minutes: 7 })).status).toBe(400);
    const t = await creator.api.post(`/api/rooms/${room.id}/timeouts`, { userId: fan.id, minutes: 10, reason: "cool off" });
    expect(t.status).toBe(201);
    const refused = await fan.api.post(`/api/rooms/${room.id}/topics/${topic}/messages`, { clientId: "c1", text: "let me talk" });
    expect([refused.status, refused.body.error.code]).toEqual([403, "TIMED_OUT"]);
    expect((await fan.api.get(`/api/rooms/${room.id}/topics/${topic}/messages`)).status).toBe(200);
    expect((await fan.api.get(`/api/rooms/${room.id}`)).body.room.timedOutUntil).toBe(t.body.timeout.until);
    await db.roomTimeout.updateMany({ where: { roomId: room.id, userId: fan.id }, data: { until: new Date(Date.now() - 1000) } });
    expect((await fan.api.post(`/api/rooms/${room.id}/topics/${topic}/messages`, { clientId: "c1", text: "thanks" })).status).toBe(201);
  });
});

describe("topics and messages", () => {
  it("staff open topics; members post text and replies, idempotently, and page through them", async () => {
    const creator = await createCreator(server, db);
    const room = await newRoom(creator);
    const [mod, fan] = await createFans(server, db, creator.id, 2);
    for (const f of [mod, fan]) await f.api.post(`/api/rooms/${room.id}/join`);
    await creator.api.post(`/api/rooms/${room.id}/moderators`, { userId: mod.id });
    expect((await fan.api.post(`/api/rooms/${room.id}/topics`, { title: "Mine" })).body.error.code).toBe("FORBIDDEN");
    const topic = await mod.api.post(`/api/rooms/${room.id}/topics`, { title: "Ideas for my next video" });
    expect(topic.status).toBe(201);
    const topics = (await fan.api.get(`/api/rooms/${room.id}/topics`)).body.topics;
    expect(topics.map((x: { title: string }) => x.title)).toEqual(["General", "Ideas for my next video"]);

    const path = `/api/rooms/${room.id}/topics/${topic.body.topic.id}/messages`;
    const first = await fan.api.post(path, { clientId: "m1", text: "A dance battle!" });
    expect(first.status).toBe(201);
    expect(first.body.message).toMatchObject({ seq: 1, clientId: "m1", senderId: fan.id, kind: "text", text: "A dance battle!", reactions: [] });
    const retry = await fan.api.post(path, { clientId: "m1", text: "A dance battle!" });
    expect([retry.status, retry.body.message.id]).toEqual([200, first.body.message.id]);
    const reply = await creator.api.post(path, { clientId: "m2", text: "Love it", replyToId: first.body.message.id });
    expect(reply.body.message).toMatchObject({ seq: 2, replyToId: first.body.message.id });
    for (const bad of [{ clientId: "m3" }, { clientId: "m3", text: "x".repeat(2001) }]) {
      expect((await fan.api.post(path, bad)).status).toBe(400);
    }
    // A quote of no message here is a 404, as in conversations (the one content rule).
    expect((await fan.api.post(path, { clientId: "m3", text: "x", replyToId: "nope" })).status).toBe(404);
    const reacted = await fan.api.post(`/api/rooms/${room.id}/messages/${reply.body.message.id}/reactions`, { emoji: "🔥" });
    expect(reacted.body.message.reactions).toEqual([{ userId: fan.id, emoji: "🔥" }]);

    const all = (await fan.api.get(path)).body;
    expect(all.messages.map((m: { seq: number }) => m.seq)).toEqual([1, 2]);
    expect(all.authors.map((a: { id: string }) => a.id).sort()).toEqual([creator.id, fan.id].sort());
    expect((await fan.api.get(`${path}?after=1`)).body.messages.map((m: { seq: number }) => m.seq)).toEqual([2]);
    expect((await fan.api.get(`${path}?before=2`)).body.messages.map((m: { seq: number }) => m.seq)).toEqual([1]);
    expect((await fan.api.get(`${path}?limit=0`)).status).toBe(400);
  });

  it("the creator and moderators delete messages (logged); a moderator not the creator's", async () => {
    const creator = await createCreator(server, db);
    const room = await newRoom(creator);
    const [mod, fan] = await createFans(server, db, creator.id, 2);
    for (const f of [mod, fan]) await f.api.post(`/api/rooms/${room.id}/join`);
    await creator.api.post(`/api/rooms/${room.id}/moderators`, { userId: mod.id });
    const topic = await generalTopic(fan, room.id);
    const path = `/api/rooms/${room.id}/topics/${topic}/messages`;
    const spam = (await fan.api.post(path, { clientId: "s", text: "buy followers" })).body.message;
    const creators = (await creator.api.post(path, { clientId: "c", text: "welcome" })).body.message;
    expect((await fan.api.delete(`/api/rooms/${room.id}/messages/${creators.id}`)).body.error.code).toBe("FORBIDDEN");
    expect((await mod.api.delete(`/api/rooms/${room.id}/messages/${creators.id}`)).body.error.code).toBe("FORBIDDEN");
    const deleted = await mod.api.request("DELETE", `/api/rooms/${room.id}/messages/${spam.id}`, { reason: "spam" });
    expect(deleted.body.message).toMatchObject({ id: spam.id, deletedAt: expect.any(String) });
    expect(deleted.body.message).not.toHaveProperty("text");
    const log = (await creator.api.get(`/api/rooms/${room.id}/moderation-log`)).body.entries;
    expect(log[0]).toMatchObject({ action: "delete_message", targetMessageId: spam.id, target: { id: fan.id }, reason: "spam" });
  });

  it("slow mode: 429 SLOW_MODE with retryAfter between one member's messages", async () => {
    const creator = await createCreator(server, db);
    const room = await newRoom(creator);
    const [fan] = await createFans(server, db, creator.id, 1);
    await fan.api.post(`/api/rooms/${room.id}/join`);
    expect((await fan.api.patch(`/api/rooms/${room.id}`, { slowModeSeconds: 30 })).body.error.code).toBe("FORBIDDEN");
    expect((await creator.api.patch(`/api/rooms/${room.id}`, { slowModeSeconds: 61 })).status).toBe(400);
    expect((await creator.api.patch(`/api/rooms/${room.id}`, { slowModeSeconds: 30 })).body.room.slowModeSeconds).toBe(30);
    const path = `/api/rooms/${room.id}/topics/${await generalTopic(fan, room.id)}/messages`;
    expect((await fan.api.post(path, { clientId: "a", text: "one" })).status).toBe(201);
    const slow = await fan.api.post(path, { clientId: "b", text: "two" });
    expect(slow.status).toBe(429);
    expect(slow.body.error).toMatchObject({ code: "SLOW_MODE", retryAfter: expect.any(Number) });
    expect(slow.body.error.retryAfter).toBeGreaterThan(25);
    expect((await fan.api.get(path)).body.messages).toHaveLength(1);
    expect((await creator.api.post(path, { clientId: "c1", text: "staff are not slowed" })).status).toBe(201);
    expect((await creator.api.post(path, { clientId: "c2", text: "see?" })).status).toBe(201);
  });

  it("announcements: the creator pins launches and lives with a post or a link", async () => {
    const creator = await createCreator(server, db);
    const room = await newRoom(creator);
    const [fan] = await createFans(server, db, creator.id, 1);
    await fan.api.post(`/api/rooms/${room.id}/join`);
    const startsAt = new Date(Date.now() + 3600_000).toISOString();
    expect((await fan.api.post(`/api/rooms/${room.id}/announcements`, { kind: "live", title: "LIVE", startsAt })).body.error.code).toBe("FORBIDDEN");
    expect((await creator.api.post(`/api/rooms/${room.id}/announcements`, { kind: "live", title: "Past", startsAt: new Date(Date.now() - 1000).toISOString() })).status).toBe(400);
    expect((await creator.api.post(`/api/rooms/${room.id}/announcements`, { kind: "live", title: "Bad link", startsAt, url: "javascript:alert(1)" })).status).toBe(400);
    const created = await creator.api.post(`/api/rooms/${room.id}/announcements`, { kind: "live", title: "Sunday LIVE", startsAt, url: "https://example.com/live" });
    expect(created.status).toBe(201);
    expect((await fan.api.get(`/api/rooms/${room.id}/announcements`)).body.announcements).toMatchObject([
      { title: "Sunday LIVE", kind: "live", startsAt, url: "https://example.com/live", started: false },
    ]);
  });
});

it("calls without a token are 401", async () => {
  const res = await fetch(`${server.url}/api/rooms`);
  expect(res.status).toBe(401);
});
