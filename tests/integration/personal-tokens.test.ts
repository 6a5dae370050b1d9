// Personal access tokens, from the side of someone holding one: a read-only token reads but
// cannot send (HTTP and socket, 403 INSUFFICIENT_SCOPE, nothing stored); no token reaches
// the account's settings, sessions or tokens; a revoked or expired token is refused over
// HTTP and its open socket is cut off; the secret is never stored in clear; and another
// account's token id cannot be revoked (404).
import crypto from "node:crypto";
import type { Socket } from "socket.io-client";
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { Api, createUser, type TestUser } from "../helpers/api";
import { befriend, cid, startDirect } from "../helpers/chat";
import type { TestServer } from "../helpers/server";
import { serverPerFile } from "../helpers/server-per-file";
import { connectSocket, emitWithAck } from "../helpers/socket";

let server: TestServer;
let db: Db;
serverPerFile((s, d) => ((server = s), (db = d)));

type Scope = "messages:read" | "messages:write" | "rooms:moderate";

async function makeToken(owner: TestUser, scopes: Scope[], expiresInDays: number | null = 30, path = "/api/me/tokens") {
  const res = await owner.api.post(path, { name: `t-${crypto.randomBytes(3).toString("hex")}`, scopes, expiresInDays });
  expect(res.status).toBe(201);
  return res.body as { token: string; personalToken: { id: string; name: string; scopes: Scope[]; expiresAt: string | null; lastUsedAt: string | null } };
}

function disconnected(socket: Socket, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    if (!socket.connected) return resolve();
    const timer = setTimeout(() => reject(new Error(`socket still connected after ${timeoutMs} ms`)), timeoutMs);
    socket.once("disconnect", () => (clearTimeout(timer), resolve()));
  });
}

async function pair() {
  const [a, b] = [await createUser(server.url), await createUser(server.url)];
  await befriend(db, a, b);
  const { conversation } = await startDirect(a, b);
  return { a, b, conversationId: conversation.id as string };
}

describe("personal access tokens", () => {
  it("is shown once with its prefix, listed without its secret, and works as a bearer token", async () => {
    const { a } = await pair();
    const { token, personalToken } = await makeToken(a, ["messages:read"]);
    expect(token).toMatch(/^mur_pat_[A-Za-z0-9_-]{43}$/);
    expect(personalToken.scopes).toEqual(["messages:read"]);
    expect(personalToken.lastUsedAt).toBeNull();

    const me = await new Api(server.url, token).get("/api/me");
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(a.id);

    const list = await a.api.get("/api/me/tokens");
    expect(list.status).toBe(200);
    expect(list.body.tokens.map((t: { id: string }) => t.id)).toContain(personalToken.id);
    expect(JSON.stringify(list.body)).not.toContain(token.slice(8));
    expect(list.body.tokens.find((t: { id: string }) => t.id === personalToken.id).lastUsedAt).not.toBeNull();
    // Not among the devices: tokens are listed and revoked on their own.
    const sessions = await a.api.get("/api/me/sessions");
    expect(sessions.body.sessions.map((s: { id: string }) => s.id)).not.toContain(personalToken.id);
  });

  it("a read-only token reads but cannot send, over HTTP or the socket; nothing is stored", async () => {
    const { a, conversationId } = await pair();
    const { token } = await makeToken(a, ["messages:read"]);
    const api = new Api(server.url, token);
    expect((await api.get(`/api/conversations/${conversationId}/messages`)).status).toBe(200);
    const before = await db.message.count({ where: { conversationId } });

    const http = await api.post(`/api/conversations/${conversationId}/messages`, { clientId: cid(), text: "from a read-only token" });
    expect(http.status).toBe(403);
    expect(http.body.error).toMatchObject({ code: "INSUFFICIENT_SCOPE", details: { required: "messages:write" } });
    const start = await api.post("/api/conversations", { kind: "direct", userId: (await createUser(server.url)).id, message: { clientId: cid(), text: "hi" } });
    expect(start.status).toBe(403);
    expect(start.body.error.code).toBe("INSUFFICIENT_SCOPE");

    const socket = await connectSocket(server.url, token);
    try {
      const ack = await emitWithAck(socket, "message:send", { conversationId, clientId: cid(), text: "over the socket" });
      expect(ack).toMatchObject({ ok: false, error: { code: "INSUFFICIENT_SCOPE" } });
      const typing = await emitWithAck(socket, "typing", { conversationId });
      expect(typing).toMatchObject({ ok: false, error: { code: "INSUFFICIENT_SCOPE" } });
    } finally {
      socket.close();
    }
    expect(await db.message.count({ where: { conversationId } })).toBe(before);
  });

  it("a write token sends over HTTP and the socket (the refusal above is the scope's)", async () => {
    const { a, conversationId } = await pair();
    const { token } = await makeToken(a, ["messages:read", "messages:write"]);
    const http = await new Api(server.url, token).post(`/api/conversations/${conversationId}/messages`, { clientId: cid(), text: "by token" });
    expect(http.status).toBe(201);
    const socket = await connectSocket(server.url, token);
    try {
      expect(await emitWithAck(socket, "message:send", { conversationId, clientId: cid(), text: "by socket" })).toMatchObject({ ok: true });
    } finally {
      socket.close();
    }
  });

  it("a write-only token cannot open a socket (it would receive every message); no token reaches full-access routes", async () => {
    const { a } = await pair();
    const writeOnly = await makeToken(a, ["messages:write"]);
    await expect(connectSocket(server.url, writeOnly.token)).rejects.toThrow(/INSUFFICIENT_SCOPE/);
    const all = await makeToken(a, ["messages:read", "messages:write", "rooms:moderate"]);
    const api = new Api(server.url, all.token);
    for (const [method, path, body] of [
      ["POST", "/api/me/tokens", { name: "more", scopes: ["messages:read"], expiresInDays: 7 }],
      ["GET", "/api/me/tokens", undefined],
      ["GET", "/api/me/sessions", undefined],
      ["DELETE", "/api/me/sessions", undefined],
      ["PATCH", "/api/me/settings", { dmPolicy: "nobody" }],
      ["POST", "/api/me/password", { currentPassword: a.password, newPassword: "another long password" }],
      ["POST", "/api/me/bots", { username: `b${crypto.randomBytes(4).toString("hex")}`, displayName: "B" }],
    ] as const) {
      const res = await api.request(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.body.error.code).toBe("INSUFFICIENT_SCOPE");
    }
    // The password token made the token and keeps every right.
    expect((await a.api.get("/api/me/sessions")).status).toBe(200);
    expect(await db.user.findUnique({ where: { id: a.id }, select: { dmPolicy: true } })).toEqual({ dmPolicy: null });
  });

  it("stores only the token's sha256, never the secret", async () => {
    const { a } = await pair();
    const { token, personalToken } = await makeToken(a, ["messages:read"]);
    const row = await db.session.findUnique({ where: { id: personalToken.id } });
    expect(row).not.toBeNull();
    expect(row!.secretHash).toBe(crypto.createHash("sha256").update(token).digest("hex"));
    const secret = token.slice("mur_pat_".length);
    for (const value of Object.values(row!)) expect(String(value)).not.toContain(secret);
    // Nowhere in the table at all.
    const rows = await db.session.findMany({ where: { userId: a.id } });
    expect(JSON.stringify(rows)).not.toContain(secret);
    // A forged token with the right prefix is refused.
    expect((await new Api(server.url, `mur_pat_${crypto.randomBytes(32).toString("base64url")}`).get("/api/me")).status).toBe(401);
  });

  it("a revoked token is refused over HTTP and for a new socket, and its open socket is cut off", async () => {
    const { a } = await pair();
    const { token, personalToken } = await makeToken(a, ["messages:read"]);
    const other = await makeToken(a, ["messages:read"]);
    const open = await connectSocket(server.url, token);
    const otherSocket = await connectSocket(server.url, other.token);
    try {
      const res = await a.api.delete(`/api/me/tokens/${personalToken.id}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ revoked: true });
      await disconnected(open, 1_500);
      expect((await new Api(server.url, token).get("/api/me")).status).toBe(401);
      await expect(connectSocket(server.url, token)).rejects.toThrow();
      // The other token is untouched.
      expect(otherSocket.connected).toBe(true);
      expect((await new Api(server.url, other.token).get("/api/me")).status).toBe(200);
      expect((await a.api.get("/api/me/tokens")).body.tokens.map((t: { id: string }) => t.id)).not.toContain(personalToken.id);
    } finally {
      open.close();
      otherSocket.close();
    }
  });

  it("an expired token is refused over HTTP and its open socket is cut off when it expires", async () => {
    const { a } = await pair();
    const { token, personalToken } = await makeToken(a, ["messages:read"]);
    // Expiring in 2.5 s (made before its first use, so no node has looked at it yet).
    await db.session.update({ where: { id: personalToken.id }, data: { expiresAt: new Date(Date.now() + 2_500) } });
    const api = new Api(server.url, token);
    expect((await api.get("/api/me")).status).toBe(200);
    const open = await connectSocket(server.url, token);
    try {
      await disconnected(open, 5_000);
      expect((await api.get("/api/me")).status).toBe(401);
      await expect(connectSocket(server.url, token)).rejects.toThrow();
      expect((await a.api.get("/api/me/tokens")).body.tokens.map((t: { id: string }) => t.id)).not.toContain(personalToken.id);
    } finally {
      open.close();
    }
  });

  it("someone else's token id cannot be revoked (404) and keeps working", async () => {
    const { a, b } = await pair();
    const { token, personalToken } = await makeToken(b, ["messages:read"]);
    const res = await a.api.delete(`/api/me/tokens/${personalToken.id}`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe("NOT_FOUND");
    // Nor as a "device" of a's, nor through a bot path.
    expect((await a.api.delete(`/api/me/sessions/${personalToken.id}`)).status).toBe(404);
    expect((await new Api(server.url, token).get("/api/me")).status).toBe(200);
    expect((await db.session.findUnique({ where: { id: personalToken.id } }))!.revokedAt).toBeNull();
  });

  it("expiry: the offered choices only; none is capped at the maximum (365 days)", async () => {
    const { a } = await pair();
    const bad = await a.api.post("/api/me/tokens", { name: "forever", scopes: ["messages:read"], expiresInDays: 10_000 });
    expect(bad.status).toBe(400);
    const noScope = await a.api.post("/api/me/tokens", { name: "nothing", scopes: [], expiresInDays: 7 });
    expect(noScope.status).toBe(400);
    const unknownScope = await a.api.post("/api/me/tokens", { name: "admin", scopes: ["admin"], expiresInDays: 7 });
    expect(unknownScope.status).toBe(400);
    const { personalToken } = await makeToken(a, ["messages:read"], null);
    const days = (new Date(personalToken.expiresAt!).getTime() - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(364.9);
    expect(days).toBeLessThanOrEqual(365);
    const week = await makeToken(a, ["messages:read"], 7);
    expect((new Date(week.personalToken.expiresAt!).getTime() - Date.now()) / 86_400_000).toBeCloseTo(7, 1);
  });
});
