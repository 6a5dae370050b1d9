// Messages and groups over HTTP: send rules, history, edit, unsend, reactions, membership.
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { createUser } from "../helpers/api";
import { befriend, cid, fakeUpload, makePost, send, startDirect, startGroup } from "../helpers/chat";
import { serverPerFile } from "../helpers/server-per-file";
import type { TestServer } from "../helpers/server";

let server: TestServer;
let db: Db;
const adult = () => createUser(server.url, { age: 30 });

serverPerFile((s, d) => ((server = s), (db = d)));

async function friendsChat() {
  const [a, b] = [await adult(), await adult()];
  await befriend(db, a, b);
  const { conversation } = await startDirect(a, b);
  return { a, b, conversation };
}

describe("POST /api/conversations/:id/messages", () => {
  it("201 with the message; a repeated clientId → 200 with the original, with another text → 409 CLIENT_ID_REUSED; nothing new stored", async () => {
    const { a, conversation } = await friendsChat();
    const body = { clientId: cid(), text: "<b>not html</b> https://example.com" };
    const first = await a.api.post(`/api/conversations/${conversation.id}/messages`, body);
    expect(first.status).toBe(201);
    expect(first.body.message).toMatchObject({ seq: 2, kind: "text", text: body.text, clientId: body.clientId, reactions: [] });
    const again = await a.api.post(`/api/conversations/${conversation.id}/messages`, body);
    expect(again.status).toBe(200);
    expect(again.body.message).toEqual(first.body.message);
    const changed = await a.api.post(`/api/conversations/${conversation.id}/messages`, { ...body, text: "changed" });
    expect(changed.status).toBe(409);
    expect(changed.body.error.code).toBe("CLIENT_ID_REUSED");
    expect(await db.message.count({ where: { conversationId: conversation.id } })).toBe(2);
  });

  it("validates text (≤ 2000, not blank) and kinds that do not mix", async () => {
    const { a, conversation } = await friendsChat();
    expect((await send(a, conversation.id, { text: "x".repeat(2000) })).status).toBe(201);
    for (const body of [{ text: "x".repeat(2001) }, { text: " \n " }, {}, { voiceNoteId: "v", text: "with words" }, { mediaIds: ["a"], sharedPostId: "p" }, { clientId: "" }]) {
      const res = await send(a, conversation.id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
    }
    expect(await db.message.count({ where: { conversationId: conversation.id } })).toBe(2);
  });

  it("replies quote a message of the same conversation only", async () => {
    const { a, b, conversation } = await friendsChat();
    const other = await friendsChat();
    const original = (await send(b, conversation.id, { text: "question?" })).body.message;
    const reply = await send(a, conversation.id, { text: "answer", replyToId: original.id });
    expect(reply.status).toBe(201);
    expect(reply.body.message).toMatchObject({ replyToId: original.id, replyTo: { id: original.id, seq: original.seq, senderId: b.id, text: "question?" } });
    const foreign = await send(a, conversation.id, { text: "x", replyToId: other.conversation.id });
    expect(foreign.status).toBe(404);
    const otherMessage = (await send(other.a, other.conversation.id, { text: "elsewhere" })).body.message;
    expect((await send(a, conversation.id, { text: "x", replyToId: otherMessage.id })).status).toBe(404);
  });

  it("visuals: up to 9 of the sender's unattached uploads in this conversation, in order; a 10th → 422 TOO_MANY_VISUALS; anything else → 404", async () => {
    const { a, b, conversation } = await friendsChat();
    const other = await friendsChat();
    const uploads = [];
    for (let i = 0; i < 10; i++) uploads.push(await fakeUpload(db, a, conversation.id, i % 2 ? "video" : "image"));
    const ten = await send(a, conversation.id, { mediaIds: uploads.map((u) => u.id) });
    expect(ten.status).toBe(422);
    expect(ten.body.error.code).toBe("TOO_MANY_VISUALS");
    const theirs = await fakeUpload(db, b, conversation.id);
    const elsewhere = await fakeUpload(db, a, other.conversation.id);
    const voice = await fakeUpload(db, a, conversation.id, "voice");
    for (const id of [theirs.id, elsewhere.id, voice.id, "ghost"]) {
      const res = await send(a, conversation.id, { mediaIds: [uploads[0].id, id] });
      expect(res.status).toBe(404);
    }
    expect(await db.media.count({ where: { messageId: { not: null }, conversationId: conversation.id } })).toBe(0);
    const nine = uploads
      .slice(0, 9)
      .map((u) => u.id)
      .reverse();
    const ok = await send(a, conversation.id, { mediaIds: nine, text: "holiday" });
    expect(ok.status).toBe(201);
    expect(ok.body.message.kind).toBe("visual");
    expect(ok.body.message.media.map((m: any) => m.id)).toEqual(nine);
    const reused = await send(a, conversation.id, { mediaIds: [nine[0]] });
    expect(reused.status).toBe(404);
  });

  it("a voice note is a message of its own, of a voice upload", async () => {
    const { a, conversation } = await friendsChat();
    const voice = await fakeUpload(db, a, conversation.id, "voice");
    const image = await fakeUpload(db, a, conversation.id, "image");
    expect((await send(a, conversation.id, { voiceNoteId: image.id })).status).toBe(404);
    const res = await send(a, conversation.id, { voiceNoteId: voice.id });
    expect(res.status).toBe(201);
    expect(res.body.message).toMatchObject({ kind: "voice", media: [{ id: voice.id, kind: "voice", waveform: expect.any(Array) }] });
  });

  it("a shared post must exist", async () => {
    const { a, conversation } = await friendsChat();
    expect((await send(a, conversation.id, { sharedPostId: "ghost" })).status).toBe(404);
    const post = await makePost(db, a, "Mine");
    const res = await send(a, conversation.id, { sharedPostId: post.id, text: "watch this" });
    expect(res.body.message).toMatchObject({ kind: "post", text: "watch this", post: { id: post.id, title: "Mine" } });
  });
});

describe("GET /api/conversations/:id/messages", () => {
  it("pages with after, before and limit, always ascending", async () => {
    const { a, conversation } = await friendsChat();
    for (let i = 2; i <= 12; i++) await send(a, conversation.id, { text: `m${i}` });
    const seqs = async (query: string) => (await a.api.get(`/api/conversations/${conversation.id}/messages${query}`)).body.messages.map((m: any) => m.seq);
    expect(await seqs("")).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    expect(await seqs("?limit=3")).toEqual([10, 11, 12]);
    expect(await seqs("?after=4&limit=3")).toEqual([5, 6, 7]);
    expect(await seqs("?after=10")).toEqual([11, 12]);
    expect(await seqs("?before=5")).toEqual([1, 2, 3, 4]);
    expect(await seqs("?before=9&limit=2")).toEqual([7, 8]);
    expect(await seqs("?after=2&before=6")).toEqual([3, 4, 5]);
    expect(await seqs("?after=12")).toEqual([]);
    for (const bad of ["?limit=0", "?limit=101", "?after=-1", "?before=x"]) {
      expect((await a.api.get(`/api/conversations/${conversation.id}/messages${bad}`)).status, bad).toBe(400);
    }
  });
});

describe("edit, unsend, reactions", () => {
  it("edits one's own text within 15 minutes (marked edited); not others', not after the window", async () => {
    const { a, b, conversation } = await friendsChat();
    const m = (await send(a, conversation.id, { text: "tpyo" })).body.message;
    const edited = await a.api.patch(`/api/messages/${m.id}`, { text: "typo" });
    expect(edited.status).toBe(200);
    expect(edited.body.message).toMatchObject({ id: m.id, text: "typo", editedAt: expect.any(String) });
    expect((await b.api.patch(`/api/messages/${m.id}`, { text: "hacked" })).status).toBe(403);
    expect((await a.api.patch(`/api/messages/${m.id}`, { text: "" })).status).toBe(400);
    await db.message.update({ where: { id: m.id }, data: { createdAt: new Date(Date.now() - 16 * 60 * 1000) } });
    const late = await a.api.patch(`/api/messages/${m.id}`, { text: "too late" });
    expect(late.status).toBe(422);
    expect(late.body.error.code).toBe("EDIT_WINDOW_CLOSED");
    expect((await db.message.findUniqueOrThrow({ where: { id: m.id } })).text).toBe("typo");
  });

  it("unsends for everyone at any time: the message keeps its seq and nothing else", async () => {
    const { a, b, conversation } = await friendsChat();
    const m = (await send(a, conversation.id, { text: "oops" })).body.message;
    await b.api.request("PUT", `/api/messages/${m.id}/reaction`, { emoji: "😂" });
    await db.message.update({ where: { id: m.id }, data: { createdAt: new Date(Date.now() - 24 * 3600 * 1000) } });
    expect((await b.api.delete(`/api/messages/${m.id}`)).status).toBe(403);
    const res = await a.api.delete(`/api/messages/${m.id}`);
    expect(res.status).toBe(200);
    expect(res.body.message).toMatchObject({ id: m.id, seq: m.seq, deletedAt: expect.any(String), reactions: [] });
    expect(res.body.message).not.toHaveProperty("text");
    const seen = (await b.api.get(`/api/conversations/${conversation.id}/messages`)).body.messages.find((x: any) => x.id === m.id);
    expect(seen.deletedAt).toBeTruthy();
    expect(seen.text).toBeUndefined();
    expect((await db.message.findUniqueOrThrow({ where: { id: m.id } })).text).toBeNull();
    const editUnsent = await a.api.patch(`/api/messages/${m.id}`, { text: "back" });
    expect(editUnsent.body.error.code).toBe("NOT_ALLOWED");
  });

  it("one reaction per person per message: set, replace, remove", async () => {
    const { a, b, conversation } = await friendsChat();
    const m = (await send(a, conversation.id, { text: "news" })).body.message;
    const put = (user: typeof a, emoji: string) => user.api.request("PUT", `/api/messages/${m.id}/reaction`, { emoji });
    expect((await put(b, "👍")).body.message.reactions).toEqual([{ userId: b.id, emoji: "👍" }]);
    expect((await put(b, "❤️")).body.message.reactions).toEqual([{ userId: b.id, emoji: "❤️" }]);
    const both = (await put(a, "👍🏽")).body.message.reactions;
    expect(both).toHaveLength(2);
    expect((await b.api.delete(`/api/messages/${m.id}/reaction`)).body.message.reactions).toEqual([{ userId: a.id, emoji: "👍🏽" }]);
    for (const emoji of ["", "abc", "👍👍", "x".repeat(40)]) expect((await put(b, emoji)).status, emoji).toBe(400);
    expect(await db.reaction.count({ where: { messageId: m.id } })).toBe(1);
  });
});

describe("groups", () => {
  it("needs a title and 2+ others; at most 32 members in all (GROUP_FULL), nothing created when refused", async () => {
    const creator = await adult();
    // One who can log in, and 31 more made directly (only their ids are needed).
    const people: { id: string; api?: any }[] = [await adult()];
    for (let i = 1; i < 32; i++) {
      people.push(await db.user.create({ data: { username: `crowd${i}_${Date.now()}`, displayName: "C", passwordHash: "!", birthDate: "1990-01-01" } }));
    }
    const before = await db.conversation.count();
    const one = await creator.api.post("/api/conversations", { kind: "group", title: "G", memberIds: [people[0].id], message: { clientId: cid(), text: "hi" } });
    expect(one.status).toBe(400);
    const noTitle = await creator.api.post("/api/conversations", { kind: "group", title: " ", memberIds: [people[0].id, people[1].id], message: { clientId: cid(), text: "hi" } });
    expect(noTitle.status).toBe(400);
    const full = await creator.api.post("/api/conversations", { kind: "group", title: "G", memberIds: people.map((p) => p.id), message: { clientId: cid(), text: "hi" } });
    expect(full.status).toBe(422);
    expect(full.body.error.code).toBe("GROUP_FULL");
    const media = await creator.api.post("/api/conversations", { kind: "group", title: "G", memberIds: [people[0].id, people[1].id], message: { clientId: cid(), mediaIds: ["x"] } });
    expect(media.body.error.code).toBe("MEDIA_FIRST_NOT_ALLOWED");
    expect(await db.conversation.count()).toBe(before);

    const ok = await creator.api.post("/api/conversations", { kind: "group", title: "Thirty-two", memberIds: people.slice(0, 31).map((p) => p.id), message: { clientId: cid(), text: "welcome" } });
    expect(ok.status).toBe(201);
    expect(ok.body.conversation).toMatchObject({ kind: "group", title: "Thirty-two" });
    expect(ok.body.conversation.members).toHaveLength(32);
    expect(ok.body.conversation.members.find((m: any) => m.id === creator.id).role).toBe("owner");
    const add = await creator.api.post(`/api/conversations/${ok.body.conversation.id}/members`, { userIds: [people[31].id] });
    expect(add.status).toBe(422);
    expect(add.body.error.code).toBe("GROUP_FULL");
    // A member who has not accepted the group (a request) cannot add people.
    const byRequest = await people[0].api!.post(`/api/conversations/${ok.body.conversation.id}/members`, { userIds: [people[31].id] });
    expect(byRequest.body.error.code).toBe("NOT_ALLOWED");
  });

  it("any member adds (with a system message, and the newcomer sees from there on); the owner or admins remove; anyone leaves", async () => {
    const [owner, m1, m2, newcomer] = [await adult(), await adult(), await adult(), await adult()];
    for (const p of [m1, m2, newcomer]) await befriend(db, owner, p);
    await befriend(db, m1, newcomer);
    const { conversation } = await startGroup(owner, [m1, m2], "Crew", "secret history");
    const add = await m1.api.post(`/api/conversations/${conversation.id}/members`, { userIds: [newcomer.id, m2.id] });
    expect(add.status).toBe(200);
    expect(add.body.message).toMatchObject({ kind: "system", senderId: m1.id, systemEvent: { type: "members_added", userIds: [newcomer.id] } });
    expect(add.body.conversation.members).toHaveLength(4);
    const history = (await newcomer.api.get(`/api/conversations/${conversation.id}/messages`)).body.messages;
    expect(history.map((m: any) => m.kind)).toEqual(["system"]);

    const byMember = await m2.api.delete(`/api/conversations/${conversation.id}/members/${m1.id}`);
    expect(byMember.status).toBe(403);
    expect((await owner.api.patch(`/api/conversations/${conversation.id}/members/${m2.id}`, { role: "admin" })).body.conversation.members.find((m: any) => m.id === m2.id).role).toBe("admin");
    const byAdmin = await m2.api.delete(`/api/conversations/${conversation.id}/members/${newcomer.id}`);
    expect(byAdmin.status).toBe(200);
    expect(byAdmin.body.message.systemEvent).toEqual({ type: "member_removed", userId: newcomer.id });
    expect((await newcomer.api.get(`/api/conversations/${conversation.id}/messages`)).status).toBe(404);
    expect((await send(newcomer, conversation.id, { text: "let me back" })).status).toBe(404);
    expect((await m2.api.delete(`/api/conversations/${conversation.id}/members/${owner.id}`)).status).toBe(403);

    const rename = await m1.api.patch(`/api/conversations/${conversation.id}`, { title: "New crew" });
    expect(rename.body.conversation.title).toBe("New crew");
    expect(rename.body.message.systemEvent).toEqual({ type: "group_renamed", title: "New crew" });

    const leave = await owner.api.delete(`/api/conversations/${conversation.id}/members/${owner.id}`);
    expect(leave.status).toBe(200);
    const after = (await m1.api.get(`/api/conversations/${conversation.id}`)).body.conversation;
    expect(after.members.map((m: any) => m.id).sort()).toEqual([m1.id, m2.id].sort());
    expect(after.members.find((m: any) => m.id === m2.id).role).toBe("owner");
    expect(after.lastMessage.systemEvent).toEqual({ type: "member_left", userId: owner.id });
    expect((await owner.api.get("/api/conversations")).body.conversations.map((c: any) => c.id)).not.toContain(conversation.id);
  });

  it("adding follows the rules of who may message whom: age, blocks, policy; refused adds change nothing", async () => {
    const [owner, m1, m2] = [await adult(), await adult(), await adult()];
    const [blocker, closed, kid] = [await adult(), await adult(), await createUser(server.url, { age: 15 })];
    await db.userBlock.create({ data: { blockerId: blocker.id, blockedId: owner.id } });
    await db.user.update({ where: { id: closed.id }, data: { dmPolicy: "nobody" } });
    const { conversation } = await startGroup(owner, [m1, m2]);
    for (const [user, code] of [
      [kid, "AGE_RESTRICTED"],
      [blocker, "BLOCKED"],
      [closed, "NOT_ALLOWED"],
    ] as const) {
      const res = await owner.api.post(`/api/conversations/${conversation.id}/members`, { userIds: [user.id] });
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe(code);
    }
    expect(await db.conversationMember.count({ where: { conversationId: conversation.id } })).toBe(3);
    expect(await db.message.count({ where: { conversationId: conversation.id } })).toBe(1);
    const direct = await friendsChat();
    expect((await direct.a.api.post(`/api/conversations/${direct.conversation.id}/members`, { userIds: [m1.id] })).body.error.code).toBe("NOT_ALLOWED");
  });

  it("a stranger added to a group gets it as a request; deleting a group request leaves the group", async () => {
    const [owner, friend, stranger] = [await adult(), await adult(), await adult()];
    await befriend(db, owner, friend);
    const { conversation } = await startGroup(owner, [friend, stranger]);
    const view = (await stranger.api.get("/api/conversations")).body.conversations.find((c: any) => c.id === conversation.id);
    expect(view.state).toBe("request");
    expect((await friend.api.get(`/api/conversations/${conversation.id}`)).body.conversation.state).toBe("active");
    await stranger.api.delete(`/api/conversations/${conversation.id}`);
    const members = (await owner.api.get(`/api/conversations/${conversation.id}`)).body.conversation.members.map((m: any) => m.id);
    expect(members).not.toContain(stranger.id);
  });
});
