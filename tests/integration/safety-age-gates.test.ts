// The age gate audit: nobody under 16 uses DMs, on any path. A table of every DM route and
// socket event, each tried by a 15-year-old against real conversations and messages of
// others: every one answers AGE_RESTRICTED (403). Plus people search and adding to groups.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { createUser, type TestUser } from "../helpers/api";
import { befriend, cid, closeDbs, send, serverDb, startDirect, startGroup } from "../helpers/chat";
import { colourJpeg, uploadFile } from "../helpers/safety";
import { startServer, type TestServer } from "../helpers/server";
import { connectSocket, emitWithAck } from "../helpers/socket";

let server: TestServer;
let db: Db;
let kid: TestUser;
let adults: TestUser[];
let directId: string;
let groupId: string;
let messageId: string;
let mediaId: string;

beforeAll(async () => {
  server = await startServer({ env: { MURMUR_CLASSIFIER: "fixture" } });
  db = serverDb(server);
  kid = await createUser(server.url, { age: 15, username: `kid${Date.now().toString(36)}` });
  adults = [await createUser(server.url, { age: 30 }), await createUser(server.url, { age: 31 }), await createUser(server.url, { age: 32 })];
  const [a, b, c] = adults;
  await befriend(db, a, b);
  await befriend(db, a, c);
  // The kid follows and is followed by everyone: friendship must not open the gate.
  for (const adult of adults) await befriend(db, kid, adult);
  directId = (await startDirect(a, b)).conversation.id;
  groupId = (await startGroup(a, [b, c])).conversation.id;
  messageId = (await send(a, groupId, { text: "hello group" })).body.message.id;
  mediaId = (await uploadFile(a, groupId, await colourJpeg("#2060a0"))).body.media.id;
});
afterAll(async () => {
  await closeDbs();
  await server?.stop();
});

type Route = [method: string, path: () => string, body?: () => unknown];

const ROUTES: Route[] = [
  ["GET", () => "/api/conversations"],
  ["POST", () => "/api/conversations", () => ({ kind: "direct", userId: adults[0].id, message: { clientId: cid(), text: "hi" } })],
  ["POST", () => "/api/conversations", () => ({ kind: "group", title: "g", memberIds: [adults[0].id, adults[1].id], message: { clientId: cid(), text: "hi" } })],
  ["GET", () => `/api/conversations/${groupId}`],
  ["PATCH", () => `/api/conversations/${groupId}`, () => ({ title: "renamed" })],
  ["DELETE", () => `/api/conversations/${directId}`],
  ["GET", () => `/api/conversations/${groupId}/messages`],
  ["POST", () => `/api/conversations/${groupId}/messages`, () => ({ clientId: cid(), text: "hi" })],
  ["POST", () => `/api/conversations/${directId}/messages`, () => ({ clientId: cid(), text: "hi" })],
  ["POST", () => `/api/conversations/${groupId}/read`, () => ({ seq: 1 })],
  ["POST", () => `/api/conversations/${directId}/accept`],
  ["POST", () => `/api/conversations/${groupId}/members`, () => ({ userIds: [adults[2].id] })],
  ["DELETE", () => `/api/conversations/${groupId}/members/${adults[1].id}`],
  ["PATCH", () => `/api/conversations/${groupId}/members/${adults[1].id}`, () => ({ role: "admin" })],
  ["PATCH", () => `/api/messages/${messageId}`, () => ({ text: "edited" })],
  ["DELETE", () => `/api/messages/${messageId}`],
  ["PUT", () => `/api/messages/${messageId}/reaction`, () => ({ emoji: "👍" })],
  ["DELETE", () => `/api/messages/${messageId}/reaction`],
];

const EVENTS: [event: string, payload: () => unknown][] = [
  ["conversation:start", () => ({ kind: "direct", userId: adults[0].id, message: { clientId: cid(), text: "hi" } })],
  ["message:send", () => ({ conversationId: groupId, clientId: cid(), text: "hi" })],
  ["conversation:read", () => ({ conversationId: groupId, seq: 1 })],
  ["typing", () => ({ conversationId: groupId })],
  ["message:react", () => ({ messageId, emoji: "👍" })],
  ["message:edit", () => ({ messageId, text: "edited" })],
  ["message:unsend", () => ({ messageId })],
];

describe("a 15-year-old and direct messages", () => {
  it.each(ROUTES.map((r) => [`${r[0]} ${r[1].toString().replace(/^\(\) => `?|`$/g, "")}`, r] as const))("%s → 403 AGE_RESTRICTED", async (_name, [method, path, body]) => {
    const res = await kid.api.request(method, path(), body?.());
    expect(res.status, JSON.stringify(res.body)).toBe(403);
    expect(res.body.error.code).toBe("AGE_RESTRICTED");
  });

  it("POST /api/media → 403 AGE_RESTRICTED, and GET of others' media reveals nothing", async () => {
    const res = await uploadFile(kid, groupId, await colourJpeg("#2060a0"));
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("AGE_RESTRICTED");
    expect([403, 404]).toContain((await kid.api.get(`/api/media/${mediaId}`)).status);
  });

  it.each(EVENTS.map((e) => [e[0], e] as const))("socket %s → ack AGE_RESTRICTED", async (_name, [event, payload]) => {
    const socket = await connectSocket(server.url, kid.token).catch((e: Error & { data?: { code?: string } }) => e);
    if (socket instanceof Error) {
      // Refusing the connection itself is as good as refusing each event.
      expect(socket.data?.code ?? socket.message).toBe("AGE_RESTRICTED");
      return;
    }
    try {
      const ack = await emitWithAck(socket, event, payload());
      expect(ack, JSON.stringify(ack)).toMatchObject({ ok: false, error: { code: "AGE_RESTRICTED" } });
    } finally {
      socket.close();
    }
  });

  it("changed nothing anywhere: no conversation, membership, message, reaction or read mark of the kid", async () => {
    expect(await db.conversationMember.count({ where: { userId: kid.id } })).toBe(0);
    expect(await db.message.count({ where: { senderId: kid.id } })).toBe(0);
    expect(await db.reaction.count({ where: { userId: kid.id } })).toBe(0);
    const message = await db.message.findUniqueOrThrow({ where: { id: messageId } });
    expect(message).toMatchObject({ text: "hello group", deletedAt: null, editedAt: null });
    expect(await db.conversationMember.count({ where: { conversationId: groupId, leftAt: null } })).toBe(3);
  });

  it("never appears in people search, even for a friend", async () => {
    const res = await adults[0].api.get(`/api/users?query=${kid.username}`);
    expect(res.status).toBe(200);
    expect(res.body.users.map((u: { id: string }) => u.id)).not.toContain(kid.id);
  });

  it("cannot be added to a group, nor put in a new one or messaged directly", async () => {
    const [a, b] = adults;
    const add = await a.api.post(`/api/conversations/${groupId}/members`, { userIds: [kid.id] });
    expect(add.status).toBe(403);
    expect(add.body.error.code).toBe("AGE_RESTRICTED");
    const group = await a.api.post("/api/conversations", { kind: "group", title: "g", memberIds: [b.id, kid.id], message: { clientId: cid(), text: "hi" } });
    expect(group.body.error?.code).toBe("AGE_RESTRICTED");
    const direct = await a.api.post("/api/conversations", { kind: "direct", userId: kid.id, message: { clientId: cid(), text: "hi" } });
    expect(direct.body.error?.code).toBe("AGE_RESTRICTED");
    const socket = await connectSocket(server.url, a.token);
    try {
      const ack = await emitWithAck(socket, "conversation:start", { kind: "direct", userId: kid.id, message: { clientId: cid(), text: "hi" } });
      expect(ack).toMatchObject({ ok: false, error: { code: "AGE_RESTRICTED" } });
    } finally {
      socket.close();
    }
    expect(await db.conversationMember.count({ where: { userId: kid.id } })).toBe(0);
  });
});
