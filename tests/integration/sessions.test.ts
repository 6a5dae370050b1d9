// Sessions as records, from the side of someone holding a stolen cookie or token: after a
// logout, a revocation, "log out everywhere" or a password change, the old credential no
// longer works over HTTP, for a new socket, or for a socket already open (cut within a
// second), on one node and across two nodes with Redis.
import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { SESSIONS } from "@/shared/limits";
import { Api, createUser, sessionCookie, type TestUser } from "../helpers/api";
import { createTestDatabase, testFlavor, type TestDatabase } from "../helpers/database";
import { startRedis, type TestRedis } from "../helpers/redis";
import { startServer, type TestServer } from "../helpers/server";
import { connectSocket } from "../helpers/socket";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

async function newToken(baseUrl: string, user: TestUser, userAgent = "murmur-test-bot/1.0"): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/token`, {
    method: "POST",
    headers: { "content-type": "application/json", "user-agent": userAgent },
    body: JSON.stringify({ username: user.username, password: user.password }),
  });
  expect(res.status).toBe(200);
  return (await res.json()).token;
}

const meWith = (baseUrl: string, headers: Record<string, string>) => fetch(`${baseUrl}/api/me`, { headers }).then((r) => r.status);
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

function disconnected(socket: Socket, timeoutMs = 1_000): Promise<number> {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    if (!socket.connected) return resolve(0);
    const timer = setTimeout(() => reject(new Error(`socket still connected after ${timeoutMs} ms`)), timeoutMs);
    socket.once("disconnect", () => (clearTimeout(timer), resolve(Date.now() - started)));
  });
}

describe("sessions on one node", () => {
  it("logging out (next-auth) revokes the cookie: /api/me, a new socket and an open socket all stop", async () => {
    const user = await createUser(server.url);
    const cookie = await sessionCookie(server.url, user.username, user.password);
    expect(await meWith(server.url, { cookie })).toBe(200);
    const open = await connectSocket(server.url, undefined, { extraHeaders: { cookie, origin: server.url } });

    const csrf = await fetch(`${server.url}/api/auth/csrf`, { headers: { cookie } });
    const { csrfToken } = await csrf.json();
    const csrfCookie = csrf.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const out = await fetch(`${server.url}/api/auth/signout`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: `${cookie}; ${csrfCookie}`, origin: server.url },
      body: new URLSearchParams({ csrfToken, json: "true" }),
    });
    expect(out.status).toBeLessThan(400);
    await disconnected(open);

    // The attacker kept a copy of the cookie: it is dead.
    expect(await meWith(server.url, { cookie })).toBe(401);
    await expect(connectSocket(server.url, undefined, { extraHeaders: { cookie, origin: server.url } })).rejects.toThrow();
  });

  it("lists the devices; revoking one ends that token at once (HTTP, new and open sockets), the others stay", async () => {
    const user = await createUser(server.url);
    const phone = await newToken(server.url, user, "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 Chrome/130.0 Mobile Safari/537.36");
    const api = new Api(server.url, user.token);
    const list = (await api.get("/api/me/sessions")).body.sessions as { id: string; label: string; current: boolean; kind: string }[];
    expect(list).toHaveLength(2);
    expect(list.filter((s) => s.current)).toHaveLength(1);
    const phoneSession = list.find((s) => !s.current)!;
    expect(phoneSession).toMatchObject({ label: "Chrome on Android", kind: "token" });

    const open = await connectSocket(server.url, phone);
    expect((await api.delete(`/api/me/sessions/${phoneSession.id}`)).body).toEqual({ revoked: true });
    expect(await disconnected(open)).toBeLessThan(1_000);
    expect(await meWith(server.url, bearer(phone))).toBe(401);
    await expect(connectSocket(server.url, phone)).rejects.toThrow();
    expect(await meWith(server.url, bearer(user.token))).toBe(200);
    expect((await api.get("/api/me/sessions")).body.sessions.map((s: { id: string }) => s.id)).not.toContain(phoneSession.id);
  });

  it("another account's session id is 404 and stays alive", async () => {
    const [a, b] = [await createUser(server.url), await createUser(server.url)];
    const bSession = (await new Api(server.url, b.token).get("/api/me/sessions")).body.sessions[0].id as string;
    const res = await new Api(server.url, a.token).delete(`/api/me/sessions/${bSession}`);
    expect(res.status).toBe(404);
    expect(await meWith(server.url, bearer(b.token))).toBe(200);
  });

  it("log out everywhere ends every session, this one included", async () => {
    const user = await createUser(server.url);
    const second = await newToken(server.url, user);
    const cookie = await sessionCookie(server.url, user.username, user.password);
    const res = await new Api(server.url, user.token).delete("/api/me/sessions");
    expect(res.body).toEqual({ revoked: 3 });
    for (const headers of [bearer(user.token), bearer(second), { cookie }]) expect(await meWith(server.url, headers)).toBe(401);
  });

  it("a password change needs the current password and logs every other session out", async () => {
    const user = await createUser(server.url);
    const stolen = await newToken(server.url, user);
    const open = await connectSocket(server.url, stolen);
    const api = new Api(server.url, user.token);

    const wrong = await api.post("/api/me/password", { currentPassword: "not it", newPassword: "a brand new password" });
    expect([wrong.status, wrong.body.error.code]).toEqual([403, "WRONG_PASSWORD"]);
    expect(await meWith(server.url, bearer(stolen))).toBe(200);

    const changed = await api.post("/api/me/password", { currentPassword: user.password, newPassword: "a brand new password" });
    expect(changed.body).toEqual({ changed: true, revoked: 1 });
    await disconnected(open);
    expect(await meWith(server.url, bearer(stolen))).toBe(401);
    expect(await meWith(server.url, bearer(user.token))).toBe(200);
    const login = (password: string) =>
      fetch(`${server.url}/api/auth/token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: user.username, password }) });
    expect((await login(user.password)).status).toBe(401);
    expect((await login("a brand new password")).status).toBe(200);
  });

  it("a token without a session (forged before sessions, or made by hand) is refused", async () => {
    const user = await createUser(server.url);
    const { encode } = await import("next-auth/jwt");
    const { TEST_SECRET } = await import("../helpers/server");
    const noSession = await encode({ token: { sub: user.id, name: user.username }, secret: TEST_SECRET, maxAge: 3600 });
    const madeUp = await encode({ token: { sub: user.id, name: user.username, sid: "made-up" }, secret: TEST_SECRET, maxAge: 3600 });
    for (const token of [noSession, madeUp]) {
      expect(await meWith(server.url, bearer(token))).toBe(401);
      await expect(connectSocket(server.url, token)).rejects.toThrow();
    }
  });
});

describe.runIf(testFlavor() === "postgres")("sessions on two nodes with Redis", () => {
  let database: TestDatabase;
  let redis: TestRedis;
  let nodeA: TestServer;
  let nodeB: TestServer;
  beforeAll(async () => {
    database = await createTestDatabase("postgres");
    redis = await startRedis();
    const env = { REDIS_URL: redis.url, REDIS_STREAM: `sessions-${Date.now()}` };
    nodeA = await startServer({ database, env });
    nodeB = await startServer({ database, env });
  });
  afterAll(async () => {
    await nodeA?.stop();
    await nodeB?.stop();
    await redis?.stop();
    await database?.drop();
  });

  it("revoked on node A: the socket on node B is cut within a second, and B refuses the token within the cache time", async () => {
    const user = await createUser(nodeA.url);
    const other = await newToken(nodeA.url, user);
    expect(await meWith(nodeB.url, bearer(other))).toBe(200); // B has looked at it (and may cache it)
    const onB = await connectSocket(nodeB.url, other);
    const sessions = (await new Api(nodeA.url, user.token).get("/api/me/sessions")).body.sessions as { id: string; current: boolean }[];
    await new Api(nodeA.url, user.token).delete(`/api/me/sessions/${sessions.find((s) => !s.current)!.id}`);
    expect(await disconnected(onB)).toBeLessThan(1_000);
    // B's last look at the session was before the revocation: it lapses within the cache time.
    await vi.waitUntil(async () => (await meWith(nodeB.url, bearer(other))) === 401, { timeout: SESSIONS.checkCacheMs + 500, interval: 50 });
    await expect(connectSocket(nodeB.url, other)).rejects.toThrow();
  });
});
