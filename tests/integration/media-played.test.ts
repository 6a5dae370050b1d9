// The "played" mark on voice notes: POST /api/media/:id/played by a listener, stored once
// (MediaPlay), pushed to the sender (media:played) and shown in the message view (playedBy).
import { afterAll, describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import type { Db } from "@/db/client";
import { createUser, type TestUser } from "../helpers/api";
import { befriend, fakeUpload, send, startGroup } from "../helpers/chat";
import { serverPerFile } from "../helpers/server-per-file";
import type { TestServer } from "../helpers/server";
import { connectSocket, drainEvents, nextEvent } from "../helpers/socket";

let server: TestServer;
let db: Db;
const sockets: Socket[] = [];
serverPerFile((s, d) => ((server = s), (db = d)));
afterAll(() => sockets.forEach((s) => s.close())); // runs before the server stops

async function voiceNoteIn() {
  const [alice, bob, carol, stranger] = await Promise.all([1, 2, 3, 4].map(() => createUser(server.url)));
  await befriend(db, alice, bob);
  await befriend(db, alice, carol);
  const conversationId = (await startGroup(alice, [bob, carol])).conversation.id as string;
  const note = await fakeUpload(db, alice, conversationId, "voice");
  const sent = await send(alice, conversationId, { voiceNoteId: note.id });
  expect(sent.status, JSON.stringify(sent.body)).toBe(201);
  return { alice, bob, carol, stranger, conversationId, mediaId: note.id, messageId: sent.body.message.id as string };
}

const played = (user: TestUser, mediaId: string) => user.api.post(`/api/media/${mediaId}/played`);
const voiceOf = async (user: TestUser, conversationId: string, messageId: string) => {
  const res = await user.api.get(`/api/conversations/${conversationId}/messages`);
  return res.body.messages.find((m: { id: string }) => m.id === messageId).media[0];
};

describe("POST /api/media/:id/played", () => {
  it("marks a voice note played for a listener, pushes media:played to the sender once, and shows it in playedBy", async () => {
    const { alice, bob, carol, conversationId, mediaId, messageId } = await voiceNoteIn();
    expect((await voiceOf(alice, conversationId, messageId)).playedBy).toEqual([]);
    const aliceSocket = await connectSocket(server.url, alice.token);
    sockets.push(aliceSocket);
    const pushed = nextEvent(aliceSocket, "media:played");
    const first = await played(bob, mediaId);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ played: true, playedAt: expect.any(String) });
    expect(await pushed).toEqual({ mediaId, messageId, conversationId, userId: bob.id });

    // Idempotent: the same answer, one row, no second push.
    const again = await played(bob, mediaId);
    expect([again.status, again.body.playedAt]).toEqual([200, first.body.playedAt]);
    expect(await db.mediaPlay.count({ where: { mediaId } })).toBe(1);

    expect((await played(carol, mediaId)).status).toBe(200);
    for (const viewer of [alice, bob, carol]) expect((await voiceOf(viewer, conversationId, messageId)).playedBy).toEqual([bob.id, carol.id]);
    // Carol's push was sent after any second push for Bob would have been: the next one
    // Alice gets must be Carol's, with none of Bob's before it or left over.
    expect(await nextEvent(aliceSocket, "media:played")).toEqual({ mediaId, messageId, conversationId, userId: carol.id });
    expect(drainEvents(aliceSocket, "media:played")).toEqual([]);
  });

  it("refuses the sender (403 FORBIDDEN), outsiders (404) and anything that is not a sent voice note (404)", async () => {
    const { alice, bob, stranger, conversationId, mediaId } = await voiceNoteIn();
    expect([(await played(alice, mediaId)).status, (await played(alice, mediaId)).body.error.code]).toEqual([403, "FORBIDDEN"]);
    const outsider = await played(stranger, mediaId);
    expect([outsider.status, outsider.body.error.code]).toEqual([404, "NOT_FOUND"]);
    const photo = await fakeUpload(db, alice, conversationId, "image");
    expect((await send(alice, conversationId, { mediaIds: [photo.id] })).status).toBe(201);
    expect((await played(bob, photo.id)).status).toBe(404);
    const unsent = await fakeUpload(db, alice, conversationId, "voice");
    expect((await played(bob, unsent.id)).status).toBe(404);
    expect((await played(bob, "nope")).status).toBe(404);
    expect(await db.mediaPlay.count({ where: { userId: { in: [alice.id, stranger.id] } } })).toBe(0);
  });
});
