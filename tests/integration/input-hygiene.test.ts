// Bad input never breaks anyone else, from the attacker's side: NUL bytes and numbers out of
// range are 400 (never a 500, and on PostgreSQL never a failed batch for the others), a
// clientId reused elsewhere is 409, `%` and `_` in a search are literal, a blocker is not
// shown the blocked person's typing or reads, staff-like usernames are refused.
import { afterAll, describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import type { Db } from "@/db/client";
import { birthDateForAge } from "@/db/seed/demo";
import { Api, createUser, type TestUser } from "../helpers/api";
import { befriend, cid, startDirect, startGroup } from "../helpers/chat";
import { serverPerFile } from "../helpers/server-per-file";
import type { TestServer } from "../helpers/server";
import { connectSocket, drainEvents, emitWithAck, nextEvent, pushesArrived } from "../helpers/socket";

let server: TestServer;
let db: Db;
const sockets: Socket[] = [];
serverPerFile((s, d) => ((server = s), (db = d)));
afterAll(() => sockets.forEach((s) => s.close()));

const adult = (options: { username?: string } = {}) => createUser(server.url, { age: 30, ...options });
async function connect(user: TestUser) {
  const socket = await connectSocket(server.url, user.token);
  sockets.push(socket);
  await nextEvent(socket, "hello");
  return socket;
}
const NUL = "\u0000";

describe("NUL bytes and numbers out of range", () => {
  it("a NUL byte in a message (HTTP and socket), an edit, a group title, a login or a sign-up name is 400 VALIDATION_FAILED and stores nothing", async () => {
    const [a, b, c] = [await adult(), await adult(), await adult()];
    await befriend(db, a, b);
    await befriend(db, a, c);
    const { conversation, message } = await startDirect(a, b);
    const http = await a.api.post(`/api/conversations/${conversation.id}/messages`, { clientId: cid(), text: `bad${NUL}byte` });
    expect(http.status).toBe(400);
    expect(http.body.error.code).toBe("VALIDATION_FAILED");
    const ack = await emitWithAck(await connect(a), "message:send", { conversationId: conversation.id, clientId: cid(), text: `bad${NUL}byte` });
    expect(ack).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED" } });
    expect((await a.api.patch(`/api/messages/${message.id}`, { text: `x${NUL}` })).status).toBe(400);
    expect((await a.api.post("/api/conversations", { kind: "group", title: `G${NUL}`, memberIds: [b.id, c.id], message: { clientId: cid(), text: "hi" } })).status).toBe(400);
    expect(await db.message.count({ where: { conversationId: conversation.id } })).toBe(1);

    const anon = new Api(server.url);
    const login = await anon.post("/api/auth/token", { username: `${a.username}${NUL}`, password: a.password });
    expect(login.status).toBe(400);
    expect(login.body.error.code).toBe("VALIDATION_FAILED");
    const signup = await anon.post("/api/auth/signup", { username: "nulname", displayName: `Nul${NUL}Name`, password: "correct horse battery", birthDate: birthDateForAge(30) });
    expect(signup.status).toBe(400);
    expect(await db.user.count({ where: { username: "nulname" } })).toBe(0);
  });

  it("messages sent at once with one NUL byte among them: the bad one is 400, every good one lands promptly", async () => {
    const people = await Promise.all(Array.from({ length: 6 }, () => adult()));
    const [hub, ...others] = people;
    const conversations: { id: string }[] = [];
    for (const other of others) {
      await befriend(db, hub, other);
      conversations.push((await startDirect(hub, other)).conversation);
    }
    const socketsOf = await Promise.all(others.map((o) => connect(o)));
    const started = Date.now();
    const sends = [
      ...socketsOf.flatMap((s, i) => Array.from({ length: 4 }, (_, n) => emitWithAck(s, "message:send", { conversationId: conversations[i].id, clientId: cid(), text: `good ${n}` }))),
      emitWithAck(socketsOf[0], "message:send", { conversationId: conversations[0].id, clientId: cid(), text: `poison${NUL}` }),
    ];
    const acks = await Promise.all(sends);
    const elapsed = Date.now() - started;
    expect(acks.slice(0, -1).every((a) => a.ok)).toBe(true);
    expect(acks.at(-1)).toMatchObject({ ok: false, error: { code: "VALIDATION_FAILED" } });
    expect(elapsed).toBeLessThan(1000);
    expect(await db.message.count({ where: { text: { startsWith: "good" } } })).toBe(20);
  });

  it("?after=2147483648 and a read seq past 2^31-1 are 400, not 500", async () => {
    const [a, b] = [await adult(), await adult()];
    await befriend(db, a, b);
    const { conversation } = await startDirect(a, b);
    const history = await a.api.get(`/api/conversations/${conversation.id}/messages?after=2147483648`);
    expect(history.status).toBe(400);
    expect(history.body.error.code).toBe("VALIDATION_FAILED");
    expect((await a.api.get(`/api/conversations/${conversation.id}/messages?before=99999999999`)).status).toBe(400);
    expect((await a.api.post(`/api/conversations/${conversation.id}/read`, { seq: 2 ** 31 })).status).toBe(400);
  });
});

describe("a clientId is one message", () => {
  it("reused in another conversation or with another body it is 409 CLIENT_ID_REUSED (HTTP and socket), and nothing is lost behind a success", async () => {
    const [a, b, c] = [await adult(), await adult(), await adult()];
    await befriend(db, a, b);
    await befriend(db, a, c);
    const first = (await startDirect(a, b)).conversation;
    const second = (await startDirect(a, c)).conversation;
    const clientId = cid();
    expect((await a.api.post(`/api/conversations/${first.id}/messages`, { clientId, text: "to b" })).status).toBe(201);

    const elsewhere = await a.api.post(`/api/conversations/${second.id}/messages`, { clientId, text: "to c" });
    expect(elsewhere.status).toBe(409);
    expect(elsewhere.body.error.code).toBe("CLIENT_ID_REUSED");
    const otherBody = await a.api.post(`/api/conversations/${first.id}/messages`, { clientId, text: "something else" });
    expect(otherBody.status).toBe(409);
    const ack = await emitWithAck(await connect(a), "message:send", { conversationId: second.id, clientId, text: "to c" });
    expect(ack).toMatchObject({ ok: false, error: { code: "CLIENT_ID_REUSED" } });

    // A true retry still answers with the original.
    const retry = await a.api.post(`/api/conversations/${first.id}/messages`, { clientId, text: "to b" });
    expect(retry.status).toBe(200);
    expect(retry.body.message.text).toBe("to b");
  });

  it("two sends with one clientId and different bodies in the same instant: one lands, the other is 409", async () => {
    const [a, b, c] = [await adult(), await adult(), await adult()];
    await befriend(db, a, b);
    await befriend(db, a, c);
    const first = (await startDirect(a, b)).conversation;
    const second = (await startDirect(a, c)).conversation;
    const socket = await connect(a);
    const clientId = cid();
    const acks = await Promise.all([
      emitWithAck(socket, "message:send", { conversationId: first.id, clientId, text: "one" }),
      emitWithAck(socket, "message:send", { conversationId: second.id, clientId, text: "two" }),
    ]);
    expect(acks.map((x) => (x.ok ? "ok" : x.error.code)).sort()).toEqual(["CLIENT_ID_REUSED", "ok"]);
  });
});

describe("people search", () => {
  it("% and _ are literal characters, not wildcards", async () => {
    const viewer = await adult();
    const tag = Math.random().toString(36).slice(2, 7);
    const plain = await Promise.all(Array.from({ length: 3 }, (_, i) => adult({ username: `p${tag}x${i}` })));
    await db.user.update({ where: { id: plain[0].id }, data: { displayName: `Percent ${tag} 50% off` } });
    const percent = await viewer.api.get(`/api/users?query=${encodeURIComponent("%")}`);
    expect(percent.status).toBe(200);
    expect(percent.body.users.every((u: { username: string; displayName: string }) => u.username.includes("%") || u.displayName.includes("%"))).toBe(true);
    expect(percent.body.users.map((u: { id: string }) => u.id)).toContain(plain[0].id);
    // "p<tag>_" would match every "p<tag>x…" as a LIKE pattern; literally, none of them.
    const underscore = await viewer.api.get(`/api/users?query=${encodeURIComponent(`p${tag}_`)}`);
    expect(underscore.body.users).toEqual([]);
    const found = await viewer.api.get(`/api/users?query=p${tag}x`);
    expect(found.body.users.length).toBe(3);
  });
});

describe("blocks", () => {
  it("in a group, the blocker is not pushed the blocked member's typing or reads; the others are", async () => {
    const [a, b, c] = [await adult(), await adult(), await adult()];
    await befriend(db, a, b);
    await befriend(db, a, c);
    const { conversation } = await startGroup(b, [a, c]);
    await a.api.post(`/api/conversations/${conversation.id}/accept`);
    await c.api.post(`/api/conversations/${conversation.id}/accept`);
    expect((await b.api.post(`/api/users/${a.id}/block`)).status).toBe(200);
    const [sa, sb, sc] = [await connect(a), await connect(b), await connect(c)];
    const sent = await emitWithAck(sc, "message:send", { conversationId: conversation.id, clientId: cid(), text: "news" });
    expect(sent.ok).toBe(true);
    await pushesArrived(b, sb); // what "news" set off has arrived and is drained
    drainEvents(sb, "typing");
    drainEvents(sb, "read");
    expect((await emitWithAck(sa, "typing", { conversationId: conversation.id })).ok).toBe(true);
    expect((await emitWithAck(sa, "conversation:read", { conversationId: conversation.id, seq: sent.message.seq })).ok).toBe(true);
    expect(await nextEvent(sc, "typing")).toEqual({ conversationId: conversation.id, userId: a.id });
    expect(await nextEvent(sc, "read", (r) => r.userId === a.id)).toMatchObject({ seq: sent.message.seq });
    await pushesArrived(b, sb);
    expect(drainEvents(sb, "typing")).toEqual([]);
    expect(drainEvents(sb, "read").filter((r) => r.userId === a.id)).toEqual([]);
  });
});

describe("reserved usernames", () => {
  it("admin, support, murmur, staff (also spelled with . or _) cannot be registered", async () => {
    const anon = new Api(server.url);
    for (const username of ["admin", "support", "murmur", "staff", "sup.port", "mur_mur"]) {
      const res = await anon.post("/api/auth/signup", { username, displayName: "Official", password: "correct horse battery", birthDate: birthDateForAge(30) });
      expect(res.status, username).toBe(409);
      expect(res.body.error.code).toBe("USERNAME_RESERVED");
    }
    expect(await db.user.count({ where: { username: { in: ["admin", "support", "murmur", "staff"] } } })).toBe(0);
  });
});
