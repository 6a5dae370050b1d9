// Sharing a post into chats: one message per recipient through the messaging use cases.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/db/client";
import { createUser, type TestUser } from "../helpers/api";
import { createPosts } from "../helpers/posts";
import { connectSocket, nextEvent } from "../helpers/socket";
import { startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let db: Db;
let creator: TestUser;
const postIds: string[] = [];
beforeAll(async () => {
  server = await startServer();
  db = createDb(server.database.url);
  creator = await createUser(server.url, { age: 27 });
  postIds.push(...(await createPosts(db, creator.id, 5)));
});
afterAll(async () => {
  await db?.$disconnect();
  await server?.stop();
});

describe("POST /api/posts/:id/share", () => {
  const messagesOf = async (user: TestUser, conversationId: string) => (await user.api.get(`/api/conversations/${conversationId}/messages`)).body.messages;

  it("to three people creates or reuses three conversations with a post message each; a 14-year-old is AGE_RESTRICTED", async () => {
    const sender = await createUser(server.url, { age: 30 });
    const [a, b, c] = await Promise.all([createUser(server.url, { age: 30 }), createUser(server.url, { age: 25 }), createUser(server.url, { age: 19 })]);
    const kid = await createUser(server.url, { age: 14 });
    const existing = await sender.api.post("/api/conversations", { kind: "direct", userId: a.id, message: { clientId: "hello-a", text: "hi" } });
    expect(existing.status).toBe(201);
    const socketB = await connectSocket(server.url, b.token);

    const res = await sender.api.post(`/api/posts/${postIds[0]}/share`, {
      recipients: [{ userId: a.id }, { userId: kid.id }, { userId: b.id }, { userId: c.id }],
      note: "look at this",
    });
    expect(res.status).toBe(200);
    const results = res.body.results;
    expect(results.map((r: { ok: boolean }) => r.ok)).toEqual([true, false, true, true]);
    expect(results[1]).toMatchObject({ recipient: { userId: kid.id }, ok: false, error: { code: "AGE_RESTRICTED", message: expect.any(String) } });
    expect(results[0].conversationId).toBe(existing.body.conversation.id);
    expect(new Set([results[0], results[2], results[3]].map((r: { conversationId: string }) => r.conversationId)).size).toBe(3);

    for (const [i, user] of [
      [0, a],
      [2, b],
      [3, c],
    ] as const) {
      const messages = await messagesOf(user, results[i].conversationId);
      const last = messages[messages.length - 1];
      expect(last).toMatchObject({ kind: "post", senderId: sender.id, text: "look at this", post: { id: postIds[0], title: "Post 0", creator: { id: creator.id } } });
      expect(messages.filter((m: { kind: string }) => m.kind === "post")).toHaveLength(1);
    }
    // Pushed in real time like any message.
    const pushed = await nextEvent(socketB, "message:new", (p: { message: { kind: string; post?: { id: string } } }) => p.message.kind === "post");
    expect(pushed.message.post?.id).toBe(postIds[0]);
    socketB.close();
    // Nothing reached the 14-year-old.
    expect(await db.conversationMember.count({ where: { userId: kid.id } })).toBe(0);
  });

  it("into a group the sender is in; a conversation they are not in is NOT_FOUND for that recipient only", async () => {
    const sender = await createUser(server.url);
    const [m1, m2, outsider, friend] = await Promise.all([createUser(server.url), createUser(server.url), createUser(server.url), createUser(server.url)]);
    const group = await sender.api.post("/api/conversations", { kind: "group", title: "Crew", memberIds: [m1.id, m2.id], message: { clientId: "g1", text: "hey crew" } });
    expect(group.status).toBe(201);
    const foreign = await outsider.api.post("/api/conversations", { kind: "direct", userId: m1.id, message: { clientId: "o1", text: "yo" } });

    const res = await sender.api.post(`/api/posts/${postIds[2]}/share`, {
      recipients: [{ conversationId: group.body.conversation.id }, { conversationId: foreign.body.conversation.id }, { userId: friend.id }],
    });
    expect(res.body.results.map((r: { ok: boolean }) => r.ok)).toEqual([true, false, true]);
    expect(res.body.results[1].error.code).toBe("NOT_FOUND");
    const groupMessages = await messagesOf(m2, group.body.conversation.id);
    expect(groupMessages[groupMessages.length - 1]).toMatchObject({ kind: "post", post: { id: postIds[2] } });
    expect((await messagesOf(m1, foreign.body.conversation.id)).some((m: { kind: string }) => m.kind === "post")).toBe(false);
  });

  it("a retried share with the same clientId sends nothing twice", async () => {
    const sender = await createUser(server.url);
    const friend = await createUser(server.url);
    const body = { recipients: [{ userId: friend.id }], clientId: "share-once" };
    const first = await sender.api.post(`/api/posts/${postIds[3]}/share`, body);
    const again = await sender.api.post(`/api/posts/${postIds[3]}/share`, body);
    expect(again.body.results[0].message.id).toBe(first.body.results[0].message.id);
    expect(await messagesOf(friend, first.body.results[0].conversationId)).toHaveLength(1);
  });

  it("refuses an unknown post and bad bodies, and sends nothing", async () => {
    const sender = await createUser(server.url);
    const friend = await createUser(server.url);
    expect((await sender.api.post("/api/posts/nope/share", { recipients: [{ userId: friend.id }] })).status).toBe(404);
    for (const body of [
      {},
      { recipients: [] },
      { recipients: [{ userId: friend.id, conversationId: "x" }] },
      { recipients: Array.from({ length: 21 }, () => ({ userId: friend.id })) },
      { recipients: [{ userId: friend.id }], note: "x".repeat(2001) },
    ]) {
      const res = await sender.api.post(`/api/posts/${postIds[0]}/share`, body);
      expect(res.status, JSON.stringify(body).slice(0, 80)).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
    }
    expect(await db.conversationMember.count({ where: { userId: friend.id } })).toBe(0);
  });
});
