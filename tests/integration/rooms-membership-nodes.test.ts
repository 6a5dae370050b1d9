// Room membership ends on every node: two servers on one database with the Redis
// Streams adapter between them. The member's socket is on node B; the ban, the leave and
// the messages go through node A. Connection-state recovery on this adapter would restore
// a session saved in Redis and replay from the stream; the server has it off, so a
// socket resuming on node B is a new connection that joins what the database says.
import type { Socket } from "socket.io-client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { ROOMS } from "@/shared/limits";
import { testFlavor } from "../helpers/database";
import { dropAndResume, roomWithFans, syncOn, type RoomsFixture } from "../helpers/room-membership";
import { serverDb, type BulkFan } from "../helpers/rooms";
import type { TestServer } from "../helpers/server";
import { connectSocket, drainEvents, nextEvent } from "../helpers/socket";
import { startTwoNodes, type TwoNodes } from "../helpers/two-nodes";

// Two nodes share one database: PostgreSQL, as in a deployment (two processes migrating
// one SQLite file at start time trip over its lock), like scaleout-faults.test.ts.
describe.runIf(testFlavor() === "postgres")("two nodes on PostgreSQL with Redis", () => {
  let nodes: TwoNodes;
  let nodeA: TestServer;
  let nodeB: TestServer;
  let db: Db;
  const sockets: Socket[] = [];

  beforeAll(async () => {
    nodes = await startTwoNodes("rooms", { MURMUR_MEMBERSHIP_SWEEP_MS: "200" });
    ({ nodeA, nodeB } = nodes);
    db = serverDb(nodeA);
  });
  afterEach(() => {
    for (const s of sockets.splice(0)) s.close();
  });
  afterAll(async () => {
    await db?.$disconnect();
    await nodes?.stop();
  });

  /** The fan's socket on node B, live in the rooms. */
  async function onNodeB(f: RoomsFixture, fan: BulkFan) {
    const s = await connectSocket(nodeB.url, fan.token);
    sockets.push(s);
    await nextEvent(s, "hello");
    await syncOn(f, s, f.control);
    return s;
  }

  /** Nothing more of the target room reaches the socket, while the other creator's room still does. */
  async function expectCutOff(f: RoomsFixture, s: Socket) {
    await syncOn(f, s, f.other);
    await f.post(f.target, "after, through node A");
    await f.post(f.other, "other after");
    await nextEvent(s, "room:message:new", (e) => e.message.text === "other after");
    expect(
      drainEvents(s, "room:message:new")
        .filter((e) => e.roomId === f.target.id)
        .map((e) => e.message.text),
    ).toEqual([]);
  }

  it("a member still in the room reconnects on node B as a new connection: back in the room, nothing replayed", async () => {
    const f = await roomWithFans(nodeA, db, 1);
    const [fan] = f.fans;
    const s = await onNodeB(f, fan);
    await dropAndResume(s, () => f.post(f.target, "missed, sent through node A"));
    expect(s.recovered).not.toBe(true);
    await syncOn(f, s, f.target);
    expect(drainEvents(s, "room:message:new").map((e) => e.message.text)).not.toContain("missed, sent through node A");
    const history = (await fan.api.get(`/api/rooms/${f.target.id}/topics/${f.target.topicId}/messages`)).body.messages as { text: string }[];
    expect(history.map((m) => m.text)).toContain("missed, sent through node A");
  });

  it("a ban on node A takes the member's connected socket on node B out of the room", async () => {
    const f = await roomWithFans(nodeA, db, 1);
    const [fan] = f.fans;
    const s = await onNodeB(f, fan);
    expect((await f.mod.api.post(`/api/rooms/${f.target.id}/bans`, { userId: fan.id })).status).toBe(201);
    await nextEvent(s, "room:member:banned", (e) => e.userId === fan.id);
    await expectCutOff(f, s);
  });

  it("banned while away: the resumed socket on node B gets neither node A's missed messages nor new ones", async () => {
    const f = await roomWithFans(nodeA, db, 1);
    const [fan] = f.fans;
    const s = await onNodeB(f, fan);
    await dropAndResume(s, async () => {
      expect((await f.creator.api.post(`/api/rooms/${f.target.id}/bans`, { userId: fan.id })).status).toBe(201);
      await f.post(f.target, "missed after the ban");
    });
    await expectCutOff(f, s);
  });

  it("left while away: the resumed socket on node B gets nothing more of the room", async () => {
    const f = await roomWithFans(nodeA, db, 1);
    const [fan] = f.fans;
    const s = await onNodeB(f, fan);
    await dropAndResume(s, async () => {
      expect((await fan.api.post(`/api/rooms/${f.target.id}/leave`)).status).toBe(200);
      await f.post(f.target, "missed after leaving");
    });
    await expectCutOff(f, s);
  });

  it("blocked by the creator while away: nothing more of any of the creator's rooms", async () => {
    const f = await roomWithFans(nodeA, db, 1);
    const [fan] = f.fans;
    const s = await onNodeB(f, fan);
    await dropAndResume(s, async () => {
      expect((await f.creator.api.post(`/api/users/${fan.id}/block`)).status).toBe(200);
      await f.post(f.target, "missed after the block");
      await f.post(f.control, "missed in the control room");
    });
    await expectCutOff(f, s);
    await f.post(f.control, "control after the block");
    await syncOn(f, s, f.other);
    expect(
      drainEvents(s, "room:message:new")
        .filter((e) => e.roomId !== f.other.id)
        .map((e) => e.message.text),
    ).toEqual([]);
  });

  it("a fan club that lapsed while away: nothing more of the rooms that needed it", async () => {
    const f = await roomWithFans(nodeA, db, 1, { as: "fan", audience: "fanclub" });
    const [fan] = f.fans;
    const s = await onNodeB(f, fan);
    await dropAndResume(s, async () => {
      const before = new Date(Date.now() - ROOMS.fanClubLapseMs - 60_000);
      await db.fanClubMembership.update({ where: { fanId_creatorId: { fanId: fan.id, creatorId: f.creator.id } }, data: { lastActiveAt: before } });
      await f.post(f.target, "missed after the lapse");
    });
    await expectCutOff(f, s);
  });
});
