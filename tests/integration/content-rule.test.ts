// One content rule for every send path: the same body sent as a DM, into a group, as a
// conversation start and into a room topic, over HTTP and over the socket, gets the
// same answer, and a refused body stores nothing anywhere. Bodies an attacker would try:
// a post with a photo attached (it skipped the screening in rooms), a voice note with a
// caption, the same upload twice, someone else's upload, a quote from another chat.
import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { VISUALS } from "@/shared/limits";
import { createUser, type TestUser } from "../helpers/api";
import { cid, fakeUpload, makePost, serverDb, closeDbs } from "../helpers/chat";
import { createCreator } from "../helpers/rooms";
import { startServer, type TestServer } from "../helpers/server";
import { connectSocket, emitWithAck } from "../helpers/socket";

let server: TestServer;
let db: Db;
let alice: TestUser; // the sender on every path
let bob: TestUser;
let carol: TestUser;
let dave: TestUser; // the one alice starts conversations with
let aliceSocket: Socket;
let dmId: string;
let groupId: string;
let room: { id: string; topicId: string; conversationId: string };
let creator: TestUser;
let postId: string;
let foreignMessageId: string; // a message of a conversation alice is not in

beforeAll(async () => {
  server = await startServer({ env: { MURMUR_CLASSIFIER: "fixture", MESSAGE_RATE_LIMIT: "1000" } });
  db = serverDb(server);
  [alice, bob, carol, dave] = await Promise.all([0, 1, 2, 3].map(() => createUser(server.url, { age: 30 })));
  const dm = await alice.api.post("/api/conversations", { kind: "direct", userId: bob.id, message: { clientId: cid(), text: "hi bob" } });
  dmId = dm.body.conversation.id;
  // Bob answers: the request is accepted, so photos and voice notes may follow.
  expect((await bob.api.post(`/api/conversations/${dmId}/messages`, { clientId: cid(), text: "hi alice" })).status).toBe(201);
  const group = await alice.api.post("/api/conversations", { kind: "group", title: "G", memberIds: [bob.id, carol.id], message: { clientId: cid(), text: "hello" } });
  groupId = group.body.conversation.id;

  creator = await createCreator(server, db);
  const made = await creator.api.post("/api/rooms", { name: "Room", audience: "subscribers" });
  await db.subscription.create({ data: { subscriberId: alice.id, creatorId: creator.id } });
  expect((await alice.api.post(`/api/rooms/${made.body.room.id}/join`)).status).toBe(200);
  const general = (await alice.api.get(`/api/rooms/${made.body.room.id}/topics`)).body.topics.find((t: { isGeneral: boolean }) => t.isGeneral);
  room = { id: made.body.room.id, topicId: general.id, conversationId: general.conversationId };

  postId = (await makePost(db, creator)).id;
  const foreign = await bob.api.post("/api/conversations", { kind: "direct", userId: carol.id, message: { clientId: cid(), text: "between bob and carol" } });
  foreignMessageId = foreign.body.message.id;
  aliceSocket = await connectSocket(server.url, alice.token);
});

afterAll(async () => {
  aliceSocket?.close();
  await closeDbs();
  await server?.stop();
});

type Path = {
  name: string;
  /** The conversation the message would land in (null for a start: it would make one). */
  conversationId: () => string | null;
  send: (body: Record<string, unknown>) => Promise<{ ok: boolean; code?: string }>;
};

const http = (res: { status: number; body: any }) => ({ ok: res.status < 300, code: res.body?.error?.code });
const ack = (a: { ok: boolean; error?: { code: string } }) => ({ ok: a.ok, code: a.error?.code });

const paths: Path[] = [
  { name: "DM over HTTP", conversationId: () => dmId, send: async (b) => http(await alice.api.post(`/api/conversations/${dmId}/messages`, b)) },
  { name: "DM over the socket", conversationId: () => dmId, send: async (b) => ack(await emitWithAck(aliceSocket, "message:send", { conversationId: dmId, ...b })) },
  { name: "group over HTTP", conversationId: () => groupId, send: async (b) => http(await alice.api.post(`/api/conversations/${groupId}/messages`, b)) },
  { name: "group over the socket", conversationId: () => groupId, send: async (b) => ack(await emitWithAck(aliceSocket, "message:send", { conversationId: groupId, ...b })) },
  { name: "start over HTTP", conversationId: () => null, send: async (b) => http(await alice.api.post("/api/conversations", { kind: "direct", userId: dave.id, message: b })) },
  { name: "start over the socket", conversationId: () => null, send: async (b) => ack(await emitWithAck(aliceSocket, "conversation:start", { kind: "direct", userId: dave.id, message: b })) },
  {
    name: "room topic over HTTP",
    conversationId: () => room.conversationId,
    send: async (b) => http(await alice.api.post(`/api/rooms/${room.id}/topics/${room.topicId}/messages`, b)),
  },
  {
    name: "room topic over the socket",
    conversationId: () => room.conversationId,
    send: async (b) => ack(await emitWithAck(aliceSocket, "room:message:send", { roomId: room.id, topicId: room.topicId, ...b })),
  },
];

/** Alice's uploads for the path's conversation (or for the DM when the path starts one: never hers to use there). */
const uploads = async (path: Path, kind: "image" | "voice", count = 1) => {
  const rows = await Promise.all(Array.from({ length: count }, () => fakeUpload(db, alice, path.conversationId() ?? dmId, kind)));
  return rows.map((r) => r.id);
};

const storedCount = () => db.message.count({ where: { senderId: alice.id } });

type Case = { name: string; body: (path: Path) => Promise<Record<string, unknown>>; code: string };

const refusedEverywhere: Case[] = [
  { name: "a shared post with a photo attached", body: async (p) => ({ sharedPostId: postId, mediaIds: await uploads(p, "image") }), code: "VALIDATION_FAILED" },
  { name: "a voice note with a caption", body: async (p) => ({ voiceNoteId: (await uploads(p, "voice"))[0], text: "listen" }), code: "VALIDATION_FAILED" },
  { name: "a voice note with photos", body: async (p) => ({ voiceNoteId: (await uploads(p, "voice"))[0], mediaIds: await uploads(p, "image") }), code: "VALIDATION_FAILED" },
  { name: "a voice note with a shared post", body: async (p) => ({ voiceNoteId: (await uploads(p, "voice"))[0], sharedPostId: postId }), code: "VALIDATION_FAILED" },
  {
    name: "the same upload twice",
    body: async (p) => {
      const [id] = await uploads(p, "image");
      return { mediaIds: [id, id] };
    },
    code: "VALIDATION_FAILED",
  },
  { name: `${VISUALS.maxPerMessage + 1} photos`, body: async (p) => ({ mediaIds: await uploads(p, "image", VISUALS.maxPerMessage + 1) }), code: "TOO_MANY_VISUALS" },
  { name: "only white space", body: async () => ({ text: "   \n " }), code: "VALIDATION_FAILED" },
  { name: "a reply quoting another conversation's message", body: async () => ({ text: "quoting", replyToId: foreignMessageId }), code: "NOT_FOUND" },
  { name: "a post that does not exist", body: async () => ({ sharedPostId: "no-such-post" }), code: "NOT_FOUND" },
];

describe("one content rule on every send path", () => {
  for (const c of refusedEverywhere) {
    it(`refuses ${c.name} with ${c.code} on every path, storing nothing`, async () => {
      const before = await storedCount();
      const answers: Record<string, unknown> = {};
      for (const path of paths) answers[path.name] = await path.send({ clientId: cid(), ...(await c.body(path)) });
      expect(answers).toEqual(Object.fromEntries(paths.map((p) => [p.name, { ok: false, code: c.code }])));
      expect(await storedCount()).toBe(before);
    });
  }

  it("refuses someone else's upload, and one made for another conversation, with NOT_FOUND on every path", async () => {
    const before = await storedCount();
    for (const path of paths) {
      const bobs = await fakeUpload(db, bob, path.conversationId() ?? dmId, "image");
      const elsewhere = await fakeUpload(db, alice, path.conversationId() === groupId ? dmId : groupId, "image");
      const voiceAsPhoto = await fakeUpload(db, alice, path.conversationId() ?? dmId, "voice");
      for (const mediaIds of [[bobs.id], [elsewhere.id], [voiceAsPhoto.id]]) {
        const answer = await path.send({ clientId: cid(), mediaIds });
        // A start refuses any upload first: your own media never opens a conversation.
        expect(answer, `${path.name}: ${mediaIds}`).toEqual({ ok: false, code: path.conversationId() ? "NOT_FOUND" : "MEDIA_FIRST_NOT_ALLOWED" });
      }
    }
    expect(await storedCount()).toBe(before);
  });

  it("accepts text and a shared post with a note on every path, as the same kinds", async () => {
    for (const path of paths) {
      for (const [body, kind] of [
        [{ text: "plain text" }, "text"],
        [{ sharedPostId: postId, text: "look at this" }, "post"],
      ] as const) {
        const clientId = cid();
        expect(await path.send({ clientId, ...body }), path.name).toEqual({ ok: true, code: undefined });
        const stored = await db.message.findUniqueOrThrow({ where: { senderId_clientId: { senderId: alice.id, clientId } } });
        expect(stored.kind, path.name).toBe(kind);
      }
    }
  });

  it("accepts a photo and a voice note where a conversation exists; a start refuses them (MEDIA_FIRST_NOT_ALLOWED)", async () => {
    for (const path of paths) {
      for (const kind of ["image", "voice"] as const) {
        const [id] = await uploads(path, kind);
        const answer = await path.send({ clientId: cid(), ...(kind === "voice" ? { voiceNoteId: id } : { mediaIds: [id] }) });
        expect(answer, `${path.name}: ${kind}`).toEqual(path.conversationId() ? { ok: true, code: undefined } : { ok: false, code: "MEDIA_FIRST_NOT_ALLOWED" });
      }
    }
  });
});

describe("room reactions", () => {
  const roomMessage = async () => {
    const sent = await creator.api.post(`/api/rooms/${room.id}/topics/${room.topicId}/messages`, { clientId: cid(), text: "react to me" });
    expect(sent.status).toBe(201);
    return sent.body.message.id as string;
  };
  const react = (user: TestUser, messageId: string, emoji: unknown) => user.api.post(`/api/rooms/${room.id}/messages/${messageId}/reactions`, { emoji });
  const reactionsOn = (messageId: string) => db.reaction.findMany({ where: { messageId } });

  it("are one emoji, as in conversations: text, two emoji or an empty string are refused and store nothing", async () => {
    const messageId = await roomMessage();
    for (const emoji of ["buy crypto!!", "👍👍", "", "a", 42]) {
      const res = await react(alice, messageId, emoji);
      expect(res.status, String(emoji)).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
    }
    expect(await reactionsOn(messageId)).toEqual([]);
    expect((await react(alice, messageId, "👍🏽")).status).toBe(200);
    expect(await reactionsOn(messageId)).toMatchObject([{ userId: alice.id, emoji: "👍🏽" }]);
  });

  it("a timed-out member can neither post nor react until the time-out ends", async () => {
    const messageId = await roomMessage();
    const timedOut = await creator.api.post(`/api/rooms/${room.id}/timeouts`, { userId: alice.id, minutes: 10 });
    expect(timedOut.status, JSON.stringify(timedOut.body)).toBeLessThan(300);
    const res = await react(alice, messageId, "❤️");
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("TIMED_OUT");
    expect(await reactionsOn(messageId)).toEqual([]);
    await db.roomTimeout.deleteMany({ where: { roomId: room.id, userId: alice.id } });
    expect((await react(alice, messageId, "❤️")).status).toBe(200);
  });

  it("are rate-limited like DM reactions: past the allowance, 429 RATE_LIMITED with Retry-After, and nothing changes", async () => {
    const messageId = await roomMessage();
    const { WRITE_LIMITS } = await import("@/shared/limits");
    const emojis = ["👍", "❤️"];
    let accepted = 0;
    let refused: Response | undefined;
    for (let i = 0; i <= WRITE_LIMITS.reaction.points && !refused; i++) {
      const res = await fetch(`${server.url}/api/rooms/${room.id}/messages/${messageId}/reactions`, {
        method: "POST",
        headers: { authorization: `Bearer ${alice.token}`, "content-type": "application/json" },
        body: JSON.stringify({ emoji: emojis[i % 2] }),
      });
      if (res.status === 429) refused = res;
      else expect(res.status).toBe(200), accepted++;
    }
    expect(refused, "no 429 within the allowance + 1").toBeDefined();
    expect((await refused!.json()).error.code).toBe("RATE_LIMITED");
    expect(Number(refused!.headers.get("retry-after"))).toBeGreaterThan(0);
    const stored = await reactionsOn(messageId);
    expect(stored).toMatchObject([{ userId: alice.id, emoji: emojis[(accepted - 1) % 2] }]);
  });
});
