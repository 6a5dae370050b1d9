// Photos and videos in creator chat rooms, end to end on the built server: uploads to a
// topic's conversation by room members, the nudity filter (always on in rooms, with the
// test-only colour classifier: red is explicit), fetching the file, and the shared
// per-user message rate limit.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import type { TestUser } from "../helpers/api";
import { createCreator, createFans, serverDb, type BulkFan } from "../helpers/rooms";
import { COLOURS, colourJpeg, filesUnder, uploadFile } from "../helpers/safety";
import { startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let db: Db;
const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), "murmur-room-media-"));
beforeAll(async () => {
  server = await startServer({ env: { MURMUR_CLASSIFIER: "fixture", MURMUR_MEDIA_DIR: mediaDir } });
  db = serverDb(server);
});
afterAll(async () => {
  await db?.$disconnect();
  await server?.stop();
  fs.rmSync(mediaDir, { recursive: true, force: true });
});

let seq = 0;
const cid = () => `rv-${Date.now()}-${seq++}`;
const asUser = (u: BulkFan | TestUser) => u as TestUser;

/** A room with a member and an outsider; the general topic's ids. */
async function roomWithMember() {
  const creator = await createCreator(server, db);
  const res = await creator.api.post("/api/rooms", { name: "Photo club", audience: "subscribers" });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const roomId = res.body.room.id as string;
  const [member, outsider] = await createFans(server, db, creator.id, 2);
  expect((await member.api.post(`/api/rooms/${roomId}/join`)).status).toBe(200);
  const topics = (await member.api.get(`/api/rooms/${roomId}/topics`)).body.topics;
  const general = topics.find((t: { isGeneral: boolean }) => t.isGeneral) as { id: string; conversationId: string };
  expect(general.conversationId).toEqual(expect.any(String));
  return { creator, roomId, member, outsider, topicId: general.id, conversationId: general.conversationId };
}

describe("visuals in room topics", () => {
  it("a member uploads a neutral photo to a topic and sends it; members fetch it, outsiders get 404", async () => {
    const { creator, roomId, member, outsider, topicId, conversationId } = await roomWithMember();
    const up = await uploadFile(asUser(member), conversationId, await colourJpeg(COLOURS.safe));
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    const mediaId = up.body.media.id as string;
    expect((await db.media.findUniqueOrThrow({ where: { id: mediaId } })).nudityScores).not.toBeNull(); // rooms: always screened

    const sent = await member.api.post(`/api/rooms/${roomId}/topics/${topicId}/messages`, { clientId: cid(), mediaIds: [mediaId] });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    expect(sent.body.message).toMatchObject({ kind: "visual", media: [expect.objectContaining({ id: mediaId })] });

    for (const viewer of [creator.api, member.api]) {
      const file = await viewer.request("GET", `/api/media/${mediaId}`);
      expect(file.status).toBe(200);
    }
    expect((await outsider.api.request("GET", `/api/media/${mediaId}`)).status).toBe(404);
    expect((await outsider.api.request("GET", `/api/media/${mediaId}/thumbnail`)).status).toBe(404);

    // A member who is banned loses the room's files with it.
    expect((await creator.api.post(`/api/rooms/${roomId}/bans`, { userId: member.id })).status).toBe(201);
    expect((await member.api.request("GET", `/api/media/${mediaId}`)).status).toBe(404);
  });

  it("refuses an outsider's upload to a topic with 404 and keeps nothing", async () => {
    const { outsider, conversationId } = await roomWithMember();
    const before = filesUnder(mediaDir).length;
    const up = await uploadFile(asUser(outsider), conversationId, await colourJpeg(COLOURS.safe));
    expect(up.status).toBe(404);
    expect(up.body.error.code).toBe("NOT_FOUND");
    expect(await db.media.count({ where: { ownerId: outsider.id } })).toBe(0);
    expect(filesUnder(mediaDir)).toHaveLength(before);
  });

  it("refuses a timed-out member's upload with 403 TIMED_OUT", async () => {
    const { creator, roomId, member, conversationId } = await roomWithMember();
    expect((await creator.api.post(`/api/rooms/${roomId}/timeouts`, { userId: member.id, minutes: 10 })).status).toBe(201);
    const up = await uploadFile(asUser(member), conversationId, await colourJpeg(COLOURS.safe));
    expect([up.status, up.body.error?.code]).toEqual([403, "TIMED_OUT"]);
  });

  it("blocks an explicit photo at upload with 422 NUDITY_BLOCKED, even between adults with the filter off: nothing kept", async () => {
    const { member, conversationId } = await roomWithMember();
    await db.user.update({ where: { id: member.id }, data: { nudityFilter: false } });
    const before = filesUnder(mediaDir).length;
    const up = await uploadFile(asUser(member), conversationId, await colourJpeg(COLOURS.blocked));
    expect([up.status, up.body.error?.code]).toEqual([422, "NUDITY_BLOCKED"]);
    expect(await db.media.count({ where: { ownerId: member.id } })).toBe(0);
    expect(filesUnder(mediaDir)).toHaveLength(before);
  });

  it("screens again at send: an unscreened explicit visual is classified, deleted and never delivered", async () => {
    const { roomId, member, topicId, conversationId } = await roomWithMember();
    const up = await uploadFile(asUser(member), conversationId, await colourJpeg(COLOURS.safe));
    expect(up.status).toBe(201);
    const mediaId = up.body.media.id as string;
    // As if it had slipped through unscreened: no scores, and the stored bytes are explicit.
    await db.$executeRaw`UPDATE "Media" SET "nudityScores" = NULL WHERE "id" = ${mediaId}`;
    const row = await db.media.findUniqueOrThrow({ where: { id: mediaId } });
    expect(row.nudityScores).toBeNull();
    fs.writeFileSync(path.join(mediaDir, ...row.storageKey.split("/")), await colourJpeg(COLOURS.blocked));

    const sent = await member.api.post(`/api/rooms/${roomId}/topics/${topicId}/messages`, { clientId: cid(), mediaIds: [mediaId] });
    expect([sent.status, sent.body.error?.code]).toEqual([422, "NUDITY_BLOCKED"]);
    expect(await db.media.findUnique({ where: { id: mediaId } })).toBeNull();
    expect(fs.existsSync(path.join(mediaDir, ...row.storageKey.split("/")))).toBe(false);
    expect(await db.message.count({ where: { conversationId } })).toBe(0);
  });

  it("room sends count against the same per-user message rate limit as DMs: 429 RATE_LIMITED", async () => {
    const { roomId, member, topicId } = await roomWithMember();
    // 45 at once: however they fall across a window boundary, one window gets more than 20.
    const results = await Promise.all(Array.from({ length: 45 }, (_, i) => member.api.post(`/api/rooms/${roomId}/topics/${topicId}/messages`, { clientId: cid(), text: `m${i}` })));
    const limited = results.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0].body.error).toMatchObject({ code: "RATE_LIMITED", retryAfter: expect.any(Number) });
    expect(results.filter((r) => r.status === 201).length).toBeLessThan(45);
  });
});
