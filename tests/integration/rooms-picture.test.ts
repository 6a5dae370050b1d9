// A room's picture is a photo its creator uploaded to the room (screened like every
// visual there), never an external URL; it is served to the room's members and to the
// audience its join page is for, and to nobody else.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import type { TestUser } from "../helpers/api";
import { roomWithFans } from "../helpers/room-membership";
import { createCreator, createFans, serverDb } from "../helpers/rooms";
import { COLOURS, colourJpeg, uploadFile } from "../helpers/safety";
import { startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let db: Db;
const mediaDir = fs.mkdtempSync(path.join(os.tmpdir(), "murmur-room-picture-"));
beforeAll(async () => {
  server = await startServer({ env: { MURMUR_CLASSIFIER: "fixture", MURMUR_MEDIA_DIR: mediaDir } });
  db = serverDb(server);
});
afterAll(async () => {
  await db?.$disconnect();
  await server?.stop();
  fs.rmSync(mediaDir, { recursive: true, force: true });
});

const conversationOf = async (topicId: string) => (await db.topic.findUniqueOrThrow({ where: { id: topicId } })).conversationId;

async function upload(user: { id: string; api: TestUser["api"] }, conversationId: string, colour: string = COLOURS.safe) {
  return uploadFile(user as TestUser, conversationId, await colourJpeg(colour));
}

describe("a room's picture", () => {
  it("is the creator's screened upload, served to members and the room's audience, not to others", async () => {
    const f = await roomWithFans(server, db, 2);
    const [member, banned] = f.fans;
    const up = await upload(f.creator, await conversationOf(f.target.topicId));
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    const mediaId = up.body.media.id as string;

    const set = await f.creator.api.patch(`/api/rooms/${f.target.id}`, { pictureMediaId: mediaId });
    expect(set.status, JSON.stringify(set.body)).toBe(200);
    expect(set.body.room.pictureUrl).toBe(`/api/media/${mediaId}`);
    expect((await member.api.get(`/api/rooms/${f.target.id}`)).body.room.pictureUrl).toBe(`/api/media/${mediaId}`);

    const [notJoined] = await createFans(server, db, f.creator.id, 1); // in the audience: the join page is for them
    const [stranger] = await createFans(server, db, f.other.creator.id, 1); // another creator's fan
    expect((await f.creator.api.post(`/api/rooms/${f.target.id}/bans`, { userId: banned.id })).status).toBe(201);
    for (const viewer of [f.creator, member, notJoined]) expect((await viewer.api.request("GET", `/api/media/${mediaId}`)).status).toBe(200);
    for (const viewer of [stranger, banned]) expect((await viewer.api.request("GET", `/api/media/${mediaId}`)).status).toBe(404);
    // The invite page shows the picture to whoever holds the link, and only with the right code.
    const inviteCode = set.body.room.inviteCode as string;
    expect((await stranger.api.request("GET", `/api/media/${mediaId}?invite=${inviteCode}`)).status).toBe(200);
    expect((await stranger.api.request("GET", `/api/media/${mediaId}?invite=${inviteCode}x`)).status).toBe(404);
    expect((await banned.api.request("GET", `/api/media/${mediaId}?invite=${inviteCode}`)).status).toBe(404);
    expect((await f.creator.api.post(`/api/users/${notJoined.id}/block`)).status).toBe(200);
    expect((await notJoined.api.request("GET", `/api/media/${mediaId}`)).status).toBe(404);
    expect((await notJoined.api.request("GET", `/api/media/${mediaId}?invite=${inviteCode}`)).status).toBe(404);

    // Removing it.
    expect((await f.creator.api.patch(`/api/rooms/${f.target.id}`, { pictureMediaId: null })).body.room.pictureUrl).toBeNull();
    expect((await member.api.request("GET", `/api/media/${mediaId}`)).status).toBe(404);
  });

  it("refuses external URLs, other people's uploads, another room's upload and a moderator's change; nothing changes", async () => {
    const creator = await createCreator(server, db);
    const created = await creator.api.post("/api/rooms", { name: "No links", audience: "both", pictureUrl: "https://evil.example/tracker.png" });
    expect(created.status).toBe(201);
    expect(created.body.room.pictureUrl).toBeNull();

    const f = await roomWithFans(server, db, 1);
    const [member] = f.fans;
    const targetConversation = await conversationOf(f.target.topicId);
    const mine = (await upload(f.creator, targetConversation)).body.media.id as string;
    expect((await f.creator.api.patch(`/api/rooms/${f.target.id}`, { pictureMediaId: mine })).status).toBe(200);

    const members = (await upload(member, targetConversation)).body.media.id as string;
    const otherRooms = (await upload(f.creator, await conversationOf(f.control.topicId))).body.media.id as string;
    for (const pictureMediaId of [members, otherRooms, "doesnotexist"]) {
      const res = await f.creator.api.patch(`/api/rooms/${f.target.id}`, { pictureMediaId });
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
    }
    const byMod = await f.mod.api.patch(`/api/rooms/${f.target.id}`, { pictureMediaId: mine });
    expect(byMod.status).toBe(403);
    expect(byMod.body.error.code).toBe("FORBIDDEN");
    expect((await db.creatorRoom.findUniqueOrThrow({ where: { id: f.target.id } })).pictureMediaId).toBe(mine);

    // An explicit photo never becomes a picture: the room's screening refuses the upload.
    const red = await upload(f.creator, targetConversation, COLOURS.blocked);
    expect(red.status).toBe(422);
    expect(red.body.error.code).toBe("NUDITY_BLOCKED");
  });
});
