// The fan-club lapse with an injected clock: 7 days without activity and a fan is no
// longer in a fan-club room's audience; posting or joining the club again renews it;
// the sweep removes lapsed fans (and only those nothing else admits), and is idempotent.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { birthDateForAge } from "@/db/seed/demo";
import { ROOMS } from "@/shared/limits";
import { createMigratedDb } from "../../../tests/helpers/database";
import { join as joinCreator } from "../platform/creators";
import { isInAudience } from "./admission";
import { sweepLapsedFans } from "./eviction";
import { joinRoom } from "./membership";
import { postRoomMessage } from "./messages";
import { createRoom, listJoinableRooms } from "./rooms";

let db: Db;
let close: () => Promise<void>;
let seq = 0;
beforeAll(async () => {
  ({ db, close } = await createMigratedDb());
});
afterAll(() => close());

const DAY = 24 * 60 * 60 * 1000;
const at = (start: Date, ms: number) => new Date(start.getTime() + ms);

async function user(age = 25) {
  seq++;
  return (await db.user.create({ data: { username: `l${seq}`, displayName: `L${seq}`, passwordHash: "!", birthDate: birthDateForAge(age) } })).id;
}

/** A creator with a fan-club room and one open to both, and a fan (optionally also a subscriber) in both. */
async function setup(options: { alsoSubscriber?: boolean } = {}) {
  const creatorId = await user(30);
  await db.user.update({ where: { id: creatorId }, data: { followerCount: ROOMS.creatorMinFollowers } });
  await db.creatorProfile.create({ data: { userId: creatorId, subscriptionsEnabled: true, fanClubEnabled: true } });
  const fanRoom = await createRoom(db, creatorId, { name: "Fans", audience: "fanclub" });
  const bothRoom = await createRoom(db, creatorId, { name: "Both", audience: "both" });
  const fanId = await user();
  await joinCreator(db, fanId, creatorId, "fanClub");
  if (options.alsoSubscriber) await joinCreator(db, fanId, creatorId, "subscription");
  for (const room of [fanRoom, bothRoom]) await joinRoom(db, room.id, fanId);
  const joinedAt = (await db.fanClubMembership.findUniqueOrThrow({ where: { fanId_creatorId: { fanId, creatorId } } })).lastActiveAt;
  return { creatorId, fanId, fanRoom, bothRoom, joinedAt };
}

const roomsOf = async (userId: string) => (await db.roomMember.findMany({ where: { userId }, select: { roomId: true } })).map((m) => m.roomId).sort();

describe("the fan-club lapse", () => {
  it("counts a fan until 7 days without activity, not a moment after", async () => {
    const { creatorId, fanId, fanRoom, joinedAt } = await setup();
    const room = { creatorId, audience: fanRoom.audience };
    expect(await isInAudience(db, room, fanId, at(joinedAt, ROOMS.fanClubLapseMs))).toBe(true);
    expect(await isInAudience(db, room, fanId, at(joinedAt, ROOMS.fanClubLapseMs + 1))).toBe(false);
  });

  it("the sweep removes a lapsed fan from the rooms that needed the fan club, twice is once", async () => {
    const { fanId, fanRoom, bothRoom, joinedAt } = await setup();
    expect(await sweepLapsedFans(db, at(joinedAt, 6 * DAY))).toBe(0);
    expect(await roomsOf(fanId)).toEqual([fanRoom.id, bothRoom.id].sort());
    expect(await sweepLapsedFans(db, at(joinedAt, 8 * DAY))).toBeGreaterThanOrEqual(2);
    expect(await roomsOf(fanId)).toEqual([]);
    expect(await sweepLapsedFans(db, at(joinedAt, 8 * DAY))).toBe(0);
  });

  it("a subscription still admits to a room open to both", async () => {
    const { fanId, bothRoom, joinedAt } = await setup({ alsoSubscriber: true });
    await sweepLapsedFans(db, at(joinedAt, 8 * DAY));
    expect(await roomsOf(fanId)).toEqual([bothRoom.id]);
  });

  it("posting in the creator's rooms renews the membership; so does joining the club again", async () => {
    const { creatorId, fanId, fanRoom, bothRoom, joinedAt } = await setup();
    const topic = await db.topic.findFirstOrThrow({ where: { roomId: bothRoom.id } });
    await postRoomMessage(db, { roomId: bothRoom.id, topicId: topic.id, userId: fanId, body: { clientId: `l-${seq}`, text: "still a fan" } }, at(joinedAt, 5 * DAY));
    expect(await sweepLapsedFans(db, at(joinedAt, 11 * DAY))).toBe(0); // 6 days after the post
    expect(await roomsOf(fanId)).toEqual([fanRoom.id, bothRoom.id].sort());
    expect(await isInAudience(db, { creatorId, audience: "fanclub" }, fanId, at(joinedAt, 13 * DAY))).toBe(false);
    await joinCreator(db, fanId, creatorId, "fanClub"); // the explicit renewal, now
    expect(await isInAudience(db, { creatorId, audience: "fanclub" }, fanId)).toBe(true);
  });

  it("a lapsed fan is not offered the creator's fan-club rooms, nor is a fan the creator blocked", async () => {
    const { creatorId, fanId, fanRoom } = await setup();
    await db.roomMember.deleteMany({ where: { userId: fanId } });
    expect((await listJoinableRooms(db, fanId, { creatorId })).map((r) => r.id)).toContain(fanRoom.id);
    await db.fanClubMembership.update({ where: { fanId_creatorId: { fanId, creatorId } }, data: { lastActiveAt: new Date(Date.now() - ROOMS.fanClubLapseMs - 1000) } });
    expect(await listJoinableRooms(db, fanId, { creatorId })).toEqual([]);
    await joinCreator(db, fanId, creatorId, "fanClub");
    expect((await listJoinableRooms(db, fanId, { creatorId })).map((r) => r.id)).toContain(fanRoom.id);
    await db.userBlock.create({ data: { blockerId: creatorId, blockedId: fanId } });
    expect(await listJoinableRooms(db, fanId, { creatorId })).toEqual([]);
  });
});
