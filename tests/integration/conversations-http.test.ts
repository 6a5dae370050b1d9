// Conversations over HTTP: starting, who may message whom, requests, blocks, the inbox.
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { createUser } from "../helpers/api";
import { befriend, cid, fakeUpload, follow, makePost, send, setDmPolicy, startDirect, startGroup } from "../helpers/chat";
import { serverPerFile } from "../helpers/server-per-file";
import type { TestServer } from "../helpers/server";

let server: TestServer;
let db: Db;
const adult = () => createUser(server.url, { age: 30 });

serverPerFile((s, d) => ((server = s), (db = d)));

const messageCount = (conversationId?: string) => db.message.count({ where: conversationId ? { conversationId } : {} });

describe("POST /api/conversations (direct)", () => {
  it("creates a 1:1 with its first message (201); starting it again reuses it (200)", async () => {
    const [a, b] = [await adult(), await adult()];
    await befriend(db, a, b);
    const first = await a.api.post("/api/conversations", { kind: "direct", userId: b.id, message: { clientId: cid(), text: "hi" } });
    expect(first.status).toBe(201);
    expect(first.body.conversation).toMatchObject({ kind: "direct", title: null, state: "active", unreadCount: 0, lastSeq: 1 });
    expect(first.body.conversation.members.map((m: any) => m.id).sort()).toEqual([a.id, b.id].sort());
    expect(first.body.message).toMatchObject({ seq: 1, kind: "text", text: "hi", senderId: a.id });

    const again = await b.api.post("/api/conversations", { kind: "direct", userId: a.id, message: { clientId: cid(), text: "again" } });
    expect(again.status).toBe(200);
    expect(again.body.conversation.id).toBe(first.body.conversation.id);
    expect(again.body.message.seq).toBe(2);
    expect(await db.conversation.count({ where: { directKey: { contains: a.id } } })).toBe(1);
  });

  it("a repeated clientId returns the original conversation and message (200), storing nothing new", async () => {
    const [a, b] = [await adult(), await adult()];
    const body = { kind: "direct", userId: b.id, message: { clientId: cid(), text: "once" } };
    const first = await a.api.post("/api/conversations", body);
    const retry = await a.api.post("/api/conversations", body);
    expect([first.status, retry.status]).toEqual([201, 200]);
    expect(retry.body.message).toEqual(first.body.message);
    expect(await messageCount(first.body.conversation.id)).toBe(1);
  });

  it("refuses photos, videos and voice notes as a first message (422 MEDIA_FIRST_NOT_ALLOWED)", async () => {
    const [a, b] = [await adult(), await adult()];
    for (const message of [
      { clientId: cid(), mediaIds: ["m1"] },
      { clientId: cid(), voiceNoteId: "v1" },
    ]) {
      const res = await a.api.post("/api/conversations", { kind: "direct", userId: b.id, message });
      expect(res.status).toBe(422);
      expect(res.body.error.code).toBe("MEDIA_FIRST_NOT_ALLOWED");
    }
    expect(await db.conversationMember.count({ where: { userId: a.id } })).toBe(0);
  });

  it("starts with a shared post: a card with title, thumbnail and creator; an unknown post is 404", async () => {
    const [a, b, creator] = [await adult(), await adult(), await adult()];
    const post = await makePost(db, creator, "Dance tutorial");
    const res = await a.api.post("/api/conversations", { kind: "direct", userId: b.id, message: { clientId: cid(), sharedPostId: post.id } });
    expect(res.status).toBe(201);
    expect(res.body.message).toMatchObject({ kind: "post", post: { id: post.id, title: "Dance tutorial", thumbnailUrl: "/p-thumb.jpg", creator: { id: creator.id } } });
    const missing = await a.api.post("/api/conversations", { kind: "direct", userId: creator.id, message: { clientId: cid(), sharedPostId: "nope" } });
    expect(missing.status).toBe(404);
  });

  it("refuses bad input with 400 and an unknown user with 404", async () => {
    const a = await adult();
    const self = await a.api.post("/api/conversations", { kind: "direct", userId: a.id, message: { clientId: cid(), text: "me" } });
    expect(self.status).toBe(400);
    const long = await a.api.post("/api/conversations", { kind: "direct", userId: "x", message: { clientId: cid(), text: "x".repeat(2001) } });
    expect(long.body.error.code).toBe("VALIDATION_FAILED");
    const empty = await a.api.post("/api/conversations", { kind: "direct", userId: "x", message: { clientId: cid(), text: "   " } });
    expect(empty.status).toBe(400);
    const ghost = await a.api.post("/api/conversations", { kind: "direct", userId: "ghost", message: { clientId: cid(), text: "hi" } });
    expect(ghost.status).toBe(404);
  });
});

describe("age gates (under 16: no DMs on any route)", () => {
  it("a 15-year-old gets 403 AGE_RESTRICTED on every route, and cannot be messaged or added", async () => {
    const kid = await createUser(server.url, { age: 15 });
    const [a, b, c] = [await adult(), await adult(), await adult()];
    await befriend(db, a, kid);
    const { conversation } = await startDirect(a, b);
    const routes: [string, string, unknown?][] = [
      ["GET", "/api/conversations"],
      ["POST", "/api/conversations", { kind: "direct", userId: a.id, message: { clientId: cid(), text: "hi" } }],
      ["GET", `/api/conversations/${conversation.id}`],
      ["GET", `/api/conversations/${conversation.id}/messages`],
      ["POST", `/api/conversations/${conversation.id}/messages`, { clientId: cid(), text: "hi" }],
      ["POST", `/api/conversations/${conversation.id}/read`, { seq: 1 }],
      ["POST", `/api/conversations/${conversation.id}/accept`],
      ["DELETE", `/api/conversations/${conversation.id}`],
      ["POST", `/api/conversations/${conversation.id}/members`, { userIds: [c.id] }],
      ["PATCH", `/api/messages/whatever`, { text: "x" }],
      ["PUT", `/api/messages/whatever/reaction`, { emoji: "👍" }],
    ];
    for (const [method, path, body] of routes) {
      const res = await kid.api.request(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error.code, `${method} ${path}`).toBe("AGE_RESTRICTED");
    }
    const toKid = await a.api.post("/api/conversations", { kind: "direct", userId: kid.id, message: { clientId: cid(), text: "hi" } });
    expect(toKid.body.error.code).toBe("AGE_RESTRICTED");
    const group = await a.api.post("/api/conversations", { kind: "group", title: "G", memberIds: [b.id, kid.id], message: { clientId: cid(), text: "hi" } });
    expect(group.status).toBe(403);
    expect(group.body.error).toMatchObject({ code: "AGE_RESTRICTED", details: { userIds: [kid.id] } });
    const { conversation: g } = await startGroup(a, [b, c]);
    const add = await a.api.post(`/api/conversations/${g.id}/members`, { userIds: [kid.id] });
    expect(add.body.error.code).toBe("AGE_RESTRICTED");
    expect(await db.conversationMember.count({ where: { userId: kid.id } })).toBe(0);
  });
});

describe("who may message whom", () => {
  it("policy nobody → 403 NOT_ALLOWED; a teen (friends by default) only hears from friends", async () => {
    const [a, closed] = [await adult(), await adult()];
    await setDmPolicy(db, closed, "nobody");
    const res = await a.api.post("/api/conversations", { kind: "direct", userId: closed.id, message: { clientId: cid(), text: "hi" } });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe("NOT_ALLOWED");

    const teen = await createUser(server.url, { age: 17 });
    const refused = await a.api.post("/api/conversations", { kind: "direct", userId: teen.id, message: { clientId: cid(), text: "hi" } });
    expect(refused.body.error.code).toBe("NOT_ALLOWED");
    await befriend(db, a, teen);
    const ok = await startDirect(a, teen);
    expect(ok.conversation.members.find((m: any) => m.id === teen.id).state).toBe("accepted");
    expect(await messageCount(ok.conversation.id)).toBe(1);
  });

  it("blocks work both ways; a block from a request removes it; unblocking restores messaging", async () => {
    const [a, b] = [await adult(), await adult()];
    const { conversation } = await startDirect(a, b, "hello stranger");
    expect((await b.api.get("/api/conversations")).body.conversations.map((c: any) => c.id)).toContain(conversation.id);
    const block = await b.api.post(`/api/users/${a.id}/block`);
    expect(block).toMatchObject({ status: 200, body: { blocked: true } });
    expect((await b.api.get("/api/conversations")).body.conversations.map((c: any) => c.id)).not.toContain(conversation.id);
    const fromA = await send(a, conversation.id, { text: "still there?" });
    expect(fromA.status).toBe(403);
    expect(fromA.body.error.code).toBe("BLOCKED");
    const fromB = await send(b, conversation.id, { text: "bye" });
    expect(fromB.body.error.code).toBe("BLOCKED");
    const restart = await a.api.post("/api/conversations", { kind: "direct", userId: b.id, message: { clientId: cid(), text: "again" } });
    expect(restart.body.error.code).toBe("BLOCKED");
    expect(await messageCount(conversation.id)).toBe(1);
    expect((await b.api.get("/api/me/blocks")).body.users.map((u: any) => u.id)).toEqual([a.id]);

    expect((await b.api.delete(`/api/users/${a.id}/block`)).body).toEqual({ blocked: false });
    expect((await send(a, conversation.id, { text: "hi again" })).status).toBe(201);
    expect((await b.api.post(`/api/users/${b.id}/block`)).status).toBe(400);
    expect((await b.api.post(`/api/users/ghost/block`)).status).toBe(404);
  });
});

describe("message requests", () => {
  it("a first message from someone the recipient doesn't follow is a request; the sender sends text and posts only until accepted", async () => {
    const [a, b, creator] = [await adult(), await adult(), await adult()];
    const { conversation } = await startDirect(a, b, "hi, we met at the show");
    const inboxB = (await b.api.get("/api/conversations")).body.conversations.find((c: any) => c.id === conversation.id);
    expect(inboxB).toMatchObject({ state: "request", unreadCount: 1 });
    expect(inboxB.members.find((m: any) => m.id === b.id).state).toBe("request");
    expect((await a.api.get(`/api/conversations/${conversation.id}`)).body.conversation.state).toBe("active");

    const photo = await fakeUpload(db, a, conversation.id);
    const visual = await send(a, conversation.id, { mediaIds: [photo.id] });
    expect(visual.status).toBe(422);
    expect(visual.body.error).toMatchObject({ code: "MEDIA_FIRST_NOT_ALLOWED", details: { reason: "request_pending" } });
    const voice = await fakeUpload(db, a, conversation.id, "voice");
    expect((await send(a, conversation.id, { voiceNoteId: voice.id })).body.error.code).toBe("MEDIA_FIRST_NOT_ALLOWED");
    expect((await send(a, conversation.id, { text: "more text is fine" })).status).toBe(201);
    const post = await makePost(db, creator);
    expect((await send(a, conversation.id, { sharedPostId: post.id })).status).toBe(201);
    expect(await db.media.count({ where: { conversationId: conversation.id, messageId: { not: null } } })).toBe(0);

    const accept = await b.api.post(`/api/conversations/${conversation.id}/accept`);
    expect(accept.status).toBe(200);
    expect(accept.body.conversation.state).toBe("active");
    const now = await send(a, conversation.id, { mediaIds: [photo.id], text: "look" });
    expect(now.status).toBe(201);
    expect(now.body.message).toMatchObject({ kind: "visual", text: "look", media: [{ id: photo.id, kind: "image" }] });
  });

  it("the recipient replying accepts the request", async () => {
    const [a, b] = [await adult(), await adult()];
    const { conversation } = await startDirect(a, b);
    expect((await send(b, conversation.id, { text: "hey" })).status).toBe(201);
    expect((await b.api.get(`/api/conversations/${conversation.id}`)).body.conversation.state).toBe("active");
    const photo = await fakeUpload(db, a, conversation.id);
    expect((await send(a, conversation.id, { mediaIds: [photo.id] })).status).toBe(201);
  });

  it("no request when the recipient follows the sender", async () => {
    const [a, b] = [await adult(), await adult()];
    await follow(db, b, a);
    const { conversation } = await startDirect(a, b);
    expect((await b.api.get(`/api/conversations/${conversation.id}`)).body.conversation.state).toBe("active");
  });

  it("deleting a request hides it; a new message brings it back, showing only what is new", async () => {
    const [a, b] = [await adult(), await adult()];
    const { conversation } = await startDirect(a, b, "first");
    expect((await b.api.delete(`/api/conversations/${conversation.id}`)).status).toBe(200);
    expect((await b.api.get("/api/conversations")).body.conversations.map((c: any) => c.id)).not.toContain(conversation.id);
    await send(a, conversation.id, { text: "second" });
    const back = (await b.api.get("/api/conversations")).body.conversations.find((c: any) => c.id === conversation.id);
    expect(back).toMatchObject({ state: "request", unreadCount: 1, lastMessage: { text: "second" } });
    const history = await b.api.get(`/api/conversations/${conversation.id}/messages`);
    expect(history.body.messages.map((m: any) => m.text)).toEqual(["second"]);
  });
});

describe("the inbox", () => {
  it("sorts by last activity, previews the last message, counts unread from the last read seq, which only moves forward", async () => {
    const [me, x, y] = [await adult(), await adult(), await adult()];
    await befriend(db, me, x);
    await befriend(db, me, y);
    const cx = (await startDirect(x, me, "from x")).conversation;
    const cy = (await startDirect(y, me, "from y")).conversation;
    await send(x, cx.id, { text: "x again" });
    let inbox = (await me.api.get("/api/conversations")).body.conversations;
    expect(inbox.map((c: any) => c.id)).toEqual([cx.id, cy.id]);
    expect(inbox[0]).toMatchObject({ unreadCount: 2, state: "active", lastMessage: { text: "x again", seq: 2 } });

    const read = await me.api.post(`/api/conversations/${cx.id}/read`, { seq: 1 });
    expect(read.body).toEqual({ conversationId: cx.id, userId: me.id, seq: 1 });
    expect((await me.api.post(`/api/conversations/${cx.id}/read`, { seq: 0 })).body.seq).toBe(1);
    expect((await me.api.post(`/api/conversations/${cx.id}/read`, { seq: 99 })).body.seq).toBe(2);
    inbox = (await me.api.get("/api/conversations")).body.conversations;
    expect(inbox.find((c: any) => c.id === cx.id).unreadCount).toBe(0);
    expect(inbox.find((c: any) => c.id === cx.id).members.find((m: any) => m.id === me.id).lastReadSeq).toBe(2);
    expect((await me.api.post(`/api/conversations/${cx.id}/read`, { seq: -1 })).status).toBe(400);

    await send(me, cy.id, { text: "reply" });
    inbox = (await me.api.get("/api/conversations")).body.conversations;
    expect(inbox[0]).toMatchObject({ id: cy.id, unreadCount: 0 });
  });

  it("mutes a conversation for oneself only", async () => {
    const [a, b] = [await adult(), await adult()];
    const { conversation } = await startDirect(a, b);
    const res = await a.api.patch(`/api/conversations/${conversation.id}`, { muted: true });
    expect(res.body.conversation.muted).toBe(true);
    expect((await b.api.get(`/api/conversations/${conversation.id}`)).body.conversation.muted).toBe(false);
    expect((await a.api.patch(`/api/conversations/${conversation.id}`, { title: "no" })).body.error.code).toBe("NOT_ALLOWED");
  });

  it("answers 404 for a conversation one is not in, on every route", async () => {
    const [a, b, stranger] = [await adult(), await adult(), await adult()];
    const { conversation, message } = await startDirect(a, b);
    for (const [method, path, body] of [
      ["GET", `/api/conversations/${conversation.id}`],
      ["GET", `/api/conversations/${conversation.id}/messages`],
      ["POST", `/api/conversations/${conversation.id}/messages`, { clientId: cid(), text: "hi" }],
      ["POST", `/api/conversations/${conversation.id}/read`, { seq: 1 }],
      ["DELETE", `/api/conversations/${conversation.id}`],
      ["PATCH", `/api/messages/${message.id}`, { text: "x" }],
      ["DELETE", `/api/messages/${message.id}`],
      ["PUT", `/api/messages/${message.id}/reaction`, { emoji: "👍" }],
    ] as [string, string, unknown?][]) {
      const res = await stranger.api.request(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.body.error.code).toBe("NOT_FOUND");
    }
    expect(await messageCount(conversation.id)).toBe(1);
  });
});

describe("rate limit", () => {
  it("about 20 messages per 10 s per user, then 429 RATE_LIMITED with retryAfter; retries of stored messages still answer", async () => {
    const [a, b] = [await adult(), await adult()];
    await befriend(db, a, b);
    const { conversation } = await startDirect(a, b);
    // 45: however they fall across a window boundary, one window gets more than 20.
    const clientIds = Array.from({ length: 45 }, () => cid());
    // All at once, so that they land in one or two windows however slow the machine is.
    const results = await Promise.all(clientIds.map((clientId) => a.api.post(`/api/conversations/${conversation.id}/messages`, { clientId, text: "spam" })));
    const limited = results.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(limited[0].body.error).toMatchObject({ code: "RATE_LIMITED", retryAfter: expect.any(Number) });
    expect(limited[0].body.error.retryAfter).toBeGreaterThanOrEqual(1);
    expect(limited[0].body.error.retryAfter).toBeLessThanOrEqual(10);
    const stored = await messageCount(conversation.id);
    expect(stored).toBeLessThanOrEqual(41); // at most two windows' worth
    const accepted = results.findIndex((r) => r.status === 201);
    const retry = await a.api.post(`/api/conversations/${conversation.id}/messages`, { clientId: clientIds[accepted], text: "spam" });
    expect(retry.status).toBe(200);
    expect(await messageCount(conversation.id)).toBe(stored);
    // Someone else is not limited by it.
    expect((await send(b, conversation.id, { text: "calm down" })).status).toBe(201);
  });
});
