import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { birthDateForAge } from "@/db/seed/demo";
import { ROOMS } from "@/shared/limits";
import { createMigratedDb } from "../../../tests/helpers/database";
import { createRoom, listJoinableRooms, listMyRooms } from "./rooms";
import { joinRoom, leaveRoom } from "./membership";
import { addModerator, banMember, timeOutMember, unbanMember } from "./moderation";
import { postRoomMessage } from "./messages";
import { readModerationLog } from "./log";
import { createAnnouncement, notifyStartedAnnouncements } from "./announcements";

let db: Db;
let close: () => Promise<void>;
let seq = 0;

beforeAll(async () => {
  ({ db, close } = await createMigratedDb());
});
afterAll(() => close());

async function user(age = 25) {
  seq++;
  return (await db.user.create({ data: { username: `u${seq}`, displayName: `U${seq}`, passwordHash: "!", birthDate: birthDateForAge(age) } })).id;
}

async function creator(options: { age?: number; followers?: number; subscriptions?: boolean; fanClub?: boolean } = {}) {
  const id = await user(options.age ?? 30);
  await db.user.update({ where: { id }, data: { followerCount: options.followers ?? ROOMS.creatorMinFollowers } });
  await db.creatorProfile.create({ data: { userId: id, subscriptionsEnabled: options.subscriptions ?? true, fanClubEnabled: options.fanClub ?? false } });
  return id;
}

/** Many subscribed fans at once, straight into the database (no password hashing). */
async function subscribers(creatorId: string, count: number) {
  const ids = Array.from({ length: count }, () => `bulk${++seq}`);
  await db.user.createMany({ data: ids.map((id) => ({ id, username: id, displayName: id, passwordHash: "!", birthDate: birthDateForAge(20) })) });
  await db.subscription.createMany({ data: ids.map((subscriberId) => ({ subscriberId, creatorId })) });
  return ids;
}

const code = (p: Promise<unknown>) =>
  p.then(
    () => "ok",
    (e) => e.code as string,
  );
const room = (creatorId: string) => createRoom(db, creatorId, { name: "Room", audience: "subscribers" });

describe("eligibility", () => {
  it("lets an adult with 10,000 followers and subscriptions create a room, with a general topic", async () => {
    const c = await creator();
    const r = await room(c);
    expect(r).toMatchObject({ myRole: "creator", memberCount: 1, inviteCode: expect.any(String) });
    expect(await db.topic.findMany({ where: { roomId: r.id } })).toMatchObject([{ isGeneral: true, title: "General" }]);
  });

  it("refuses 9,999 followers, no subscription and no fan club, and a 17-year-old, with every reason", async () => {
    const few = await creator({ followers: ROOMS.creatorMinFollowers - 1 });
    const noPaid = await creator({ subscriptions: false, fanClub: false });
    const teen = await creator({ age: 17 });
    for (const [id, reason] of [
      [few, "followers"],
      [noPaid, "subscriptionOrFanClub"],
      [teen, "age"],
    ] as const) {
      const error = await room(id).catch((e) => e);
      expect(error.code).toBe("NOT_ELIGIBLE");
      expect(error.extra.details.reasons).toEqual([reason]);
    }
    expect(await db.creatorRoom.count({ where: { creatorId: { in: [few, noPaid, teen] } } })).toBe(0);
  });

  it("a fan club alone is enough", async () => {
    const c = await creator({ subscriptions: false, fanClub: true });
    expect(await code(createRoom(db, c, { name: "F", audience: "fanclub" }))).toBe("ok");
    expect(await code(createRoom(db, c, { name: "S", audience: "subscribers" }))).toBe("NOT_AVAILABLE");
  });
});

describe("limits", () => {
  it("creates the 20th room and refuses the 21st, also when they race", async () => {
    const c = await creator();
    for (let i = 0; i < ROOMS.maxRoomsPerCreator - 2; i++) await room(c);
    const racing = await Promise.all([room(c), room(c), room(c), room(c)].map(code));
    expect(racing.sort()).toEqual(["ROOM_LIMIT_REACHED", "ROOM_LIMIT_REACHED", "ok", "ok"]);
    expect(await db.creatorRoom.count({ where: { creatorId: c } })).toBe(ROOMS.maxRoomsPerCreator);
    expect(await code(room(c))).toBe("ROOM_LIMIT_REACHED");
  });

  it("lets the 300th participant join and refuses the 301st, also when joins race", async () => {
    const c = await creator();
    const r = await room(c);
    const fans = await subscribers(c, ROOMS.maxParticipants + 5);
    // The creator plus 294 members: 5 seats left for 10 racing fans.
    await db.roomMember.createMany({ data: fans.slice(0, ROOMS.maxParticipants - 6).map((userId) => ({ roomId: r.id, userId })) });
    const racers = fans.slice(ROOMS.maxParticipants - 6, ROOMS.maxParticipants + 4);
    const results = await Promise.all(racers.map((id) => code(joinRoom(db, r.id, id))));
    expect(results.filter((x) => x === "ok")).toHaveLength(5);
    expect(results.filter((x) => x === "ROOM_FULL")).toHaveLength(5);
    expect(await db.roomMember.count({ where: { roomId: r.id } })).toBe(ROOMS.maxParticipants);
    // Someone leaves: the next one gets the 300th seat.
    const joined = racers.find((_, i) => results[i] === "ok")!;
    await leaveRoom(db, r.id, joined);
    expect(await code(joinRoom(db, r.id, fans.at(-1)!))).toBe("ok");
    expect(await code(joinRoom(db, r.id, joined))).toBe("ROOM_FULL");
  });

  it("names the 5th moderator and refuses the 6th", async () => {
    const c = await creator();
    const r = await room(c);
    const fans = await subscribers(c, 6);
    for (const f of fans) await joinRoom(db, r.id, f);
    for (const f of fans.slice(0, 5)) await addModerator(db, { roomId: r.id, actorId: c, targetId: f });
    expect(await code(addModerator(db, { roomId: r.id, actorId: c, targetId: fans[5] }))).toBe("MODERATOR_LIMIT_REACHED");
    expect(await db.roomMember.count({ where: { roomId: r.id, role: "moderator" } })).toBe(5);
  });
});

describe("joining", () => {
  it("admits the audience only, nobody under 16, and never a banned fan", async () => {
    const c = await creator({ fanClub: true });
    const r = await createRoom(db, c, { name: "Fans", audience: "fanclub" });
    const [subscriber] = await subscribers(c, 1);
    expect(await code(joinRoom(db, r.id, subscriber))).toBe("NOT_IN_AUDIENCE");
    const kid = await user(15);
    await db.fanClubMembership.create({ data: { fanId: kid, creatorId: c } });
    expect(await code(joinRoom(db, r.id, kid))).toBe("AGE_RESTRICTED");
    const fan = await user(16);
    await db.fanClubMembership.create({ data: { fanId: fan, creatorId: c } });
    expect(await listJoinableRooms(db, fan)).toMatchObject([{ id: r.id }]);
    expect(await code(joinRoom(db, r.id, fan))).toBe("ok");
    expect((await listMyRooms(db, fan)).map((x) => x.id)).toEqual([r.id]);
    await banMember(db, { roomId: r.id, actorId: c, targetId: fan, reason: "spam" });
    expect(await db.roomMember.count({ where: { roomId: r.id, userId: fan } })).toBe(0);
    expect(await code(joinRoom(db, r.id, fan))).toBe("BANNED");
    expect(await listJoinableRooms(db, fan)).toEqual([]);
    await unbanMember(db, { roomId: r.id, actorId: c, targetId: fan });
    expect(await code(joinRoom(db, r.id, fan))).toBe("ok");
  });
});

describe("moderation", () => {
  it("a moderator cannot ban or time out the creator or another moderator; everything is logged", async () => {
    const c = await creator();
    const r = await room(c);
    const [mod, mod2, fan] = await subscribers(c, 3);
    for (const f of [mod, mod2, fan]) await joinRoom(db, r.id, f);
    await addModerator(db, { roomId: r.id, actorId: c, targetId: mod });
    await addModerator(db, { roomId: r.id, actorId: c, targetId: mod2 });
    expect(await code(banMember(db, { roomId: r.id, actorId: mod, targetId: c }))).toBe("FORBIDDEN");
    expect(await code(banMember(db, { roomId: r.id, actorId: mod, targetId: mod2 }))).toBe("FORBIDDEN");
    expect(await code(timeOutMember(db, { roomId: r.id, actorId: mod, targetId: mod2, minutes: 10 }))).toBe("FORBIDDEN");
    expect(await code(banMember(db, { roomId: r.id, actorId: fan, targetId: mod }))).toBe("FORBIDDEN");
    expect(await db.roomBan.count({ where: { roomId: r.id } })).toBe(0);
    await banMember(db, { roomId: r.id, actorId: mod, targetId: fan, reason: "spam links" });
    expect(await code(banMember(db, { roomId: r.id, actorId: c, targetId: mod2 }))).toBe("ok");
    const log = await readModerationLog(db, r.id, mod);
    expect(log[0]).toMatchObject({ action: "ban", actor: { id: c }, target: { id: mod2 } });
    expect(log[1]).toMatchObject({ action: "ban", actor: { id: mod }, target: { id: fan }, reason: "spam links" });
    expect(log.map((e) => e.action)).toEqual(["ban", "ban", "add_moderator", "add_moderator"]);
  });

  it("a timed-out member cannot post until the time is up", async () => {
    const c = await creator();
    const r = await room(c);
    const topic = (await db.topic.findFirstOrThrow({ where: { roomId: r.id } })).id;
    const [fan] = await subscribers(c, 1);
    await joinRoom(db, r.id, fan);
    await timeOutMember(db, { roomId: r.id, actorId: c, targetId: fan, minutes: 60, reason: "calm down" });
    const post = (clientId: string) => postRoomMessage(db, { roomId: r.id, topicId: topic, userId: fan, body: { clientId, text: "hi" } });
    expect(await code(post("a"))).toBe("TIMED_OUT");
    await db.roomTimeout.updateMany({ where: { roomId: r.id, userId: fan }, data: { until: new Date(Date.now() - 1000) } });
    expect(await code(post("a"))).toBe("ok");
  });

  it("slow mode spaces one member's messages; a retry is no new message", async () => {
    const c = await creator();
    const r = await room(c);
    await db.creatorRoom.update({ where: { id: r.id }, data: { slowModeSeconds: 30 } });
    const topic = (await db.topic.findFirstOrThrow({ where: { roomId: r.id } })).id;
    const [fan] = await subscribers(c, 1);
    await joinRoom(db, r.id, fan);
    const t0 = new Date();
    const post = (clientId: string, at: Date) => postRoomMessage(db, { roomId: r.id, topicId: topic, userId: fan, body: { clientId, text: "x" } }, at);
    expect((await post("one", t0)).created).toBe(true);
    expect((await post("one", new Date(t0.getTime() + 1000))).created).toBe(false);
    const error = await post("two", new Date(t0.getTime() + 10_000)).catch((e) => e);
    expect(error.code).toBe("SLOW_MODE");
    expect(error.extra.retryAfter).toBe(20);
    expect(await code(post("two", new Date(t0.getTime() + 30_000)))).toBe("ok");
  });
});

describe("announcements", () => {
  it("notices each started announcement once", async () => {
    const c = await creator();
    const r = await room(c);
    const now = new Date();
    await createAnnouncement(db, r.id, c, { kind: "live", title: "LIVE", startsAt: new Date(now.getTime() + 60_000).toISOString() }, now);
    expect(await notifyStartedAnnouncements(db, now)).toBe(0);
    const later = new Date(now.getTime() + 61_000);
    expect(await notifyStartedAnnouncements(db, later)).toBe(1);
    expect(await notifyStartedAnnouncements(db, later)).toBe(0);
  });
});
