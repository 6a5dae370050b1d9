// Messaging over Socket.IO: the same rules as HTTP, with acks, and every push.
import { afterAll, describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import type { Db } from "@/db/client";
import { createUser, type TestUser } from "../helpers/api";
import { befriend, cid, fakeUpload, send, startDirect, startGroup } from "../helpers/chat";
import { serverPerFile } from "../helpers/server-per-file";
import type { TestServer } from "../helpers/server";
import { connectSocket, drainEvents, emitWithAck, nextEvent, pushesArrived } from "../helpers/socket";

let server: TestServer;
let db: Db;
const sockets: Socket[] = [];
const adult = () => createUser(server.url, { age: 30 });
async function connect(user: TestUser) {
  const socket = await connectSocket(server.url, user.token);
  sockets.push(socket);
  await nextEvent(socket, "hello");
  return socket;
}

serverPerFile((s, d) => ((server = s), (db = d)));
afterAll(() => sockets.forEach((s) => s.close())); // runs before the server stops

describe("message:send", () => {
  it("acks with the message, then pushes message:new to every member's sockets (the sender's other tabs too, not the sending socket)", async () => {
    const [a, b] = [await adult(), await adult()];
    await befriend(db, a, b);
    const { conversation } = await startDirect(a, b);
    const [sa, sa2, sb] = [await connect(a), await connect(a), await connect(b)];
    const clientId = cid();
    const ack = await emitWithAck(sa, "message:send", { conversationId: conversation.id, clientId, text: "over the socket" });
    expect(ack).toMatchObject({ ok: true, message: { seq: 2, clientId, text: "over the socket", senderId: a.id } });
    for (const s of [sa2, sb]) expect((await nextEvent(s, "message:new")).message).toEqual(ack.message);
    // The sending socket has the message in its ack: pushing it again would be a second write for nothing.
    await pushesArrived(a, sa);
    expect(drainEvents(sa, "message:new")).toEqual([]);

    // A retry with the same clientId acks the original and pushes nothing.
    const retry = await emitWithAck(sa, "message:send", { conversationId: conversation.id, clientId, text: "over the socket" });
    expect(retry).toEqual(ack);
    const http = await a.api.post(`/api/conversations/${conversation.id}/messages`, { clientId, text: "over the socket" });
    expect(http.status).toBe(200);
    expect(http.body.message).toEqual(ack.message);
    await pushesArrived(b, sb);
    expect(drainEvents(sb, "message:new")).toEqual([]);
    expect(await db.message.count({ where: { conversationId: conversation.id } })).toBe(2);

    // Sent over HTTP, a message reaches every socket of the sender: none of them has an ack.
    const overHttp = await a.api.post(`/api/conversations/${conversation.id}/messages`, { clientId: cid(), text: "over HTTP" });
    for (const s of [sa, sa2, sb]) expect((await nextEvent(s, "message:new")).message).toEqual(overHttp.body.message);
  });

  it("answers errors in the ack with the same codes as HTTP, and stores nothing", async () => {
    const [a, b, stranger] = [await adult(), await adult(), await adult()];
    await befriend(db, a, b);
    const { conversation } = await startDirect(a, b);
    const sa = await connect(a);
    const cases: [unknown, string][] = [
      [{ conversationId: conversation.id, clientId: cid(), text: "x".repeat(2001) }, "VALIDATION_FAILED"],
      [{ conversationId: conversation.id, text: "no client id" }, "VALIDATION_FAILED"],
      [{ conversationId: "ghost", clientId: cid(), text: "hi" }, "NOT_FOUND"],
      [{ conversationId: conversation.id, clientId: cid(), mediaIds: Array.from({ length: 10 }, (_, i) => `m${i}`) }, "TOO_MANY_VISUALS"],
      [{ conversationId: conversation.id, clientId: cid(), mediaIds: ["ghost"] }, "NOT_FOUND"],
    ];
    for (const [payload, code] of cases) {
      const ack = await emitWithAck(sa, "message:send", payload);
      expect(ack, JSON.stringify(payload).slice(0, 80)).toMatchObject({ ok: false, error: { code, message: expect.any(String) } });
    }
    const ss = await connect(stranger);
    expect((await emitWithAck(ss, "message:send", { conversationId: conversation.id, clientId: cid(), text: "hi" })).error.code).toBe("NOT_FOUND");
    expect(await db.message.count({ where: { conversationId: conversation.id } })).toBe(1);
  });

  it("refuses media in a request and as a first message, over the socket too", async () => {
    const [a, b] = [await adult(), await adult()];
    const sa = await connect(a);
    const start = await emitWithAck(sa, "conversation:start", { kind: "direct", userId: b.id, message: { clientId: cid(), mediaIds: ["x"] } });
    expect(start.error.code).toBe("MEDIA_FIRST_NOT_ALLOWED");
    const ok = await emitWithAck(sa, "conversation:start", { kind: "direct", userId: b.id, message: { clientId: cid(), text: "hello" } });
    expect(ok).toMatchObject({ ok: true, created: true, conversation: { kind: "direct" }, message: { seq: 1 } });
    const photo = await fakeUpload(db, a, ok.conversation.id);
    const inRequest = await emitWithAck(sa, "message:send", { conversationId: ok.conversation.id, clientId: cid(), mediaIds: [photo.id] });
    expect(inRequest.error).toMatchObject({ code: "MEDIA_FIRST_NOT_ALLOWED", details: { reason: "request_pending" } });
  });

  it("a blocked user gets BLOCKED on the socket", async () => {
    const [a, b] = [await adult(), await adult()];
    await befriend(db, a, b);
    const { conversation } = await startDirect(a, b);
    await b.api.post(`/api/users/${a.id}/block`);
    const sa = await connect(a);
    expect((await emitWithAck(sa, "message:send", { conversationId: conversation.id, clientId: cid(), text: "hi" })).error.code).toBe("BLOCKED");
    expect((await emitWithAck(sa, "typing", { conversationId: conversation.id })).error.code).toBe("BLOCKED");
  });

  it("rate-limits over the socket too, with retryAfter", async () => {
    const [a, b] = [await adult(), await adult()];
    await befriend(db, a, b);
    const { conversation } = await startDirect(a, b);
    const sa = await connect(a);
    // All at once, so that they land in one or two windows however slow the machine is.
    const acks = await Promise.all(Array.from({ length: 45 }, (_, i) => emitWithAck(sa, "message:send", { conversationId: conversation.id, clientId: cid(), text: `${i}` }, 30_000)));
    const limited = acks.find((x) => !x.ok);
    expect(limited.error).toMatchObject({ code: "RATE_LIMITED", retryAfter: expect.any(Number) });
  });
});

describe("under 16: AGE_RESTRICTED on every socket event", () => {
  it("refuses send, start, read, typing, react, edit and unsend", async () => {
    const kid = await createUser(server.url, { age: 15 });
    const [a, b] = [await adult(), await adult()];
    await befriend(db, a, b);
    const { conversation, message } = await startDirect(a, b);
    const sk = await connect(kid);
    const events: [string, unknown][] = [
      ["message:send", { conversationId: conversation.id, clientId: cid(), text: "hi" }],
      ["conversation:start", { kind: "direct", userId: a.id, message: { clientId: cid(), text: "hi" } }],
      ["conversation:read", { conversationId: conversation.id, seq: 1 }],
      ["typing", { conversationId: conversation.id }],
      ["message:react", { messageId: message.id, emoji: "👍" }],
      ["message:edit", { messageId: message.id, text: "x" }],
      ["message:unsend", { messageId: message.id }],
    ];
    for (const [event, payload] of events) {
      expect(await emitWithAck(sk, event, payload), event).toMatchObject({ ok: false, error: { code: "AGE_RESTRICTED" } });
    }
    const sa = await connect(a);
    const toKid = await emitWithAck(sa, "conversation:start", { kind: "direct", userId: kid.id, message: { clientId: cid(), text: "hi" } });
    expect(toKid.error.code).toBe("AGE_RESTRICTED");
  });
});

describe("pushes", () => {
  it("conversation:new (then message:new) to both sides of a new 1:1; typing to the others only", async () => {
    const [a, b] = [await adult(), await adult()];
    await befriend(db, a, b);
    const [sa, sb] = [await connect(a), await connect(b)];
    const { conversation, message } = await startDirect(a, b, "first");
    for (const s of [sa, sb]) {
      const pushed = await nextEvent(s, "conversation:new");
      expect(pushed.conversation).toMatchObject({ id: conversation.id, lastMessage: { id: message.id } });
      expect((await nextEvent(s, "message:new")).message.id).toBe(message.id);
    }
    expect(await nextEvent(sb, "conversation:new", () => true, 50).catch(() => null)).toBeNull();
    expect(await emitWithAck(sa, "typing", { conversationId: conversation.id })).toEqual({ ok: true });
    expect(await nextEvent(sb, "typing")).toEqual({ conversationId: conversation.id, userId: a.id });
    await pushesArrived(a, sa);
    expect(drainEvents(sa, "typing")).toEqual([]);
    expect(await db.message.count({ where: { conversationId: conversation.id } })).toBe(1);
  });

  it("read receipts: conversation:read acks and pushes read to the members; a lower seq changes nothing", async () => {
    const [a, b] = [await adult(), await adult()];
    await befriend(db, a, b);
    const { conversation } = await startDirect(a, b);
    await send(a, conversation.id, { text: "two" });
    const [sa, sb] = [await connect(a), await connect(b)];
    const ack = await emitWithAck(sb, "conversation:read", { conversationId: conversation.id, seq: 2 });
    expect(ack).toEqual({ ok: true, conversationId: conversation.id, userId: b.id, seq: 2 });
    expect(await nextEvent(sa, "read")).toEqual({ conversationId: conversation.id, userId: b.id, seq: 2 });
    expect(await nextEvent(sb, "read")).toEqual({ conversationId: conversation.id, userId: b.id, seq: 2 });
    expect((await emitWithAck(sb, "conversation:read", { conversationId: conversation.id, seq: 1 })).seq).toBe(2);
    await pushesArrived(a, sa);
    expect(drainEvents(sa, "read")).toEqual([]);
  });

  it("a request is read in private: no read receipt reaches the sender until accepted", async () => {
    const [a, b] = [await adult(), await adult()];
    const { conversation } = await startDirect(a, b);
    const [sa, sb] = [await connect(a), await connect(b)];
    await emitWithAck(sb, "conversation:read", { conversationId: conversation.id, seq: 1 });
    await nextEvent(sb, "read");
    await pushesArrived(a, sa);
    expect(drainEvents(sa, "read")).toEqual([]);
    expect((await a.api.get(`/api/conversations/${conversation.id}`)).body.conversation.members.find((m: any) => m.id === b.id).lastReadSeq).toBe(0);
    await b.api.post(`/api/conversations/${conversation.id}/accept`);
    const updated = await nextEvent(sa, "conversation:updated");
    expect(updated.conversation.members.find((m: any) => m.id === b.id)).toMatchObject({ state: "accepted", lastReadSeq: 1 });
  });

  it("react, edit and unsend over the socket push message:updated to every member", async () => {
    const [a, b] = [await adult(), await adult()];
    await befriend(db, a, b);
    const { conversation } = await startDirect(a, b);
    const m = (await send(a, conversation.id, { text: "helo" })).body.message;
    const [sa, sb] = [await connect(a), await connect(b)];
    const react = await emitWithAck(sb, "message:react", { messageId: m.id, emoji: "🔥" });
    expect(react.message.reactions).toEqual([{ userId: b.id, emoji: "🔥" }]);
    expect((await nextEvent(sa, "message:updated")).message.reactions).toEqual([{ userId: b.id, emoji: "🔥" }]);
    const unreact = await emitWithAck(sb, "message:react", { messageId: m.id, emoji: null });
    expect(unreact.message.reactions).toEqual([]);
    expect((await nextEvent(sa, "message:updated")).message.reactions).toEqual([]);
    const edit = await emitWithAck(sa, "message:edit", { messageId: m.id, text: "hello" });
    expect(edit.message).toMatchObject({ text: "hello", editedAt: expect.any(String) });
    expect((await nextEvent(sb, "message:updated", (p) => p.message.text === "hello")).message.editedAt).toBeTruthy();
    expect((await emitWithAck(sb, "message:edit", { messageId: m.id, text: "mine now" })).error.code).toBe("FORBIDDEN");
    const unsend = await emitWithAck(sa, "message:unsend", { messageId: m.id });
    expect(unsend.message.deletedAt).toBeTruthy();
    const pushed = await nextEvent(sb, "message:updated", (p) => Boolean(p.message.deletedAt));
    expect(pushed.message.text).toBeUndefined();
  });

  it("groups: adding pushes conversation:new to the newcomer and conversation:updated + the system message to the others; removing pushes conversation:removed", async () => {
    const [owner, m1, m2, newcomer] = [await adult(), await adult(), await adult(), await adult()];
    for (const p of [m1, m2, newcomer]) await befriend(db, owner, p);
    const { conversation } = await startGroup(owner, [m1, m2]);
    const [s1, sn] = [await connect(m1), await connect(newcomer)];
    await owner.api.post(`/api/conversations/${conversation.id}/members`, { userIds: [newcomer.id] });
    const joined = await nextEvent(sn, "conversation:new");
    expect(joined.conversation).toMatchObject({ id: conversation.id, kind: "group", state: "active" });
    expect((await nextEvent(sn, "message:new")).message.systemEvent).toEqual({ type: "members_added", userIds: [newcomer.id] });
    expect((await nextEvent(s1, "conversation:updated")).conversation.members).toHaveLength(4);
    expect((await nextEvent(s1, "message:new")).message.kind).toBe("system");

    await owner.api.patch(`/api/conversations/${conversation.id}`, { title: "Renamed" });
    expect((await nextEvent(s1, "conversation:updated", (p) => p.conversation.title === "Renamed")).conversation.title).toBe("Renamed");

    await owner.api.delete(`/api/conversations/${conversation.id}/members/${newcomer.id}`);
    expect(await nextEvent(sn, "conversation:removed")).toEqual({ conversationId: conversation.id });
    await nextEvent(s1, "message:new", (p) => p.message.systemEvent?.type === "member_removed");
    await pushesArrived(newcomer, sn);
    expect(drainEvents(sn, "message:new").filter((p: any) => p.message.systemEvent?.type === "member_removed")).toEqual([]);
  });
});
