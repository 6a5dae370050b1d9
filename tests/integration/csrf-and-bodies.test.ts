// Cross-site request forgery and oversized bodies, from the attacker's side. A page on
// another site can make the victim's browser POST with the session cookie (an HTML form
// sends text/plain; fetch with no-cors too): such writes are refused and change nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { HTTP } from "@/shared/limits";
import { createUser, sessionCookie, type TestUser } from "../helpers/api";
import { cid, closeDbs, serverDb } from "../helpers/chat";
import { startServer, type TestServer } from "../helpers/server";
import { connectSocket } from "../helpers/socket";

let server: TestServer;
let db: Db;
let victim: TestUser;
let friend: TestUser;
let cookie: string;
let conversationId: string;
beforeAll(async () => {
  server = await startServer();
  db = serverDb(server);
  [victim, friend] = [await createUser(server.url), await createUser(server.url)];
  cookie = await sessionCookie(server.url, victim.username, victim.password);
  conversationId = (await victim.api.post("/api/conversations", { kind: "direct", userId: friend.id, message: { clientId: cid(), text: "hi" } })).body.conversation.id;
});
afterAll(async () => {
  await closeDbs();
  await server?.stop();
});

const EVIL = "https://evil.example";

function withCookie(path: string, init: { method?: string; headers?: Record<string, string>; body?: BodyInit }) {
  return fetch(server.url + path, { method: init.method ?? "POST", headers: { cookie, ...init.headers }, body: init.body });
}

const messageCount = () => db.message.count({ where: { conversationId } });

describe("cross-site writes with the session cookie", () => {
  it("a form post from another site (text/plain JSON, foreign Origin) sends no message, follows nobody, uploads nothing", async () => {
    const before = await messageCount();
    const forged = { "content-type": "text/plain", origin: EVIL, "sec-fetch-site": "cross-site" };
    const send = await withCookie(`/api/conversations/${conversationId}/messages`, { headers: forged, body: JSON.stringify({ clientId: cid(), text: "forged" }) });
    const follow = await withCookie(`/api/users/${friend.id}/follow`, { headers: forged, body: "{}" });
    const form = new FormData();
    form.set("conversationId", conversationId);
    form.set("file", new Blob([Buffer.alloc(1000)], { type: "image/jpeg" }), "x.jpg");
    const upload = await withCookie("/api/media", { headers: { origin: EVIL, "sec-fetch-site": "cross-site" }, body: form });
    for (const res of [send, follow, upload]) {
      expect(res.status).toBe(403);
      expect((await res.json()).error.code).toBe("CSRF_REJECTED");
    }
    expect(await messageCount()).toBe(before);
    expect(await db.follow.count({ where: { followerId: victim.id } })).toBe(0);
    expect(await db.media.count({ where: { ownerId: victim.id } })).toBe(0);
  });

  it("refuses a foreign Origin, Sec-Fetch-Site cross-site or same-site, and a cookie write that shows neither", async () => {
    const before = await messageCount();
    const attempts: Record<string, string>[] = [{ origin: EVIL }, { "sec-fetch-site": "cross-site" }, { "sec-fetch-site": "same-site" }, {}, { origin: server.url.replace("http:", "https:") }];
    for (const headers of attempts) {
      const res = await withCookie(`/api/conversations/${conversationId}/messages`, {
        headers: { "content-type": "application/json", ...headers },
        body: JSON.stringify({ clientId: cid(), text: "forged" }),
      });
      expect(res.status, JSON.stringify(headers)).toBe(403);
    }
    expect(await messageCount()).toBe(before);
  });

  it("accepts the app's own pages (same Origin, or Sec-Fetch-Site same-origin), and bearer tokens from anywhere", async () => {
    const own = await withCookie(`/api/conversations/${conversationId}/messages`, {
      headers: { "content-type": "application/json", origin: server.url },
      body: JSON.stringify({ clientId: cid(), text: "from the app" }),
    });
    expect(own.status).toBe(201);
    const fetchMeta = await withCookie(`/api/conversations/${conversationId}/messages`, {
      headers: { "content-type": "application/json", "sec-fetch-site": "same-origin" },
      body: JSON.stringify({ clientId: cid(), text: "from the app too" }),
    });
    expect(fetchMeta.status).toBe(201);
    const bearer = await fetch(`${server.url}/api/conversations/${conversationId}/messages`, {
      method: "POST",
      headers: { authorization: `Bearer ${victim.token}`, "content-type": "application/json", origin: EVIL },
      body: JSON.stringify({ clientId: cid(), text: "a bot" }),
    });
    expect(bearer.status).toBe(201);
    // Reading is not a write: a GET with the cookie works without Origin.
    expect((await withCookie("/api/me", { method: "GET" })).status).toBe(200);
  });

  it("JSON routes take only application/json: a text/plain body is 415 even from the app itself", async () => {
    const before = await messageCount();
    const res = await fetch(`${server.url}/api/conversations/${conversationId}/messages`, {
      method: "POST",
      headers: { authorization: `Bearer ${victim.token}`, "content-type": "text/plain" },
      body: JSON.stringify({ clientId: cid(), text: "plain" }),
    });
    expect(res.status).toBe(415);
    expect((await res.json()).error.code).toBe("UNSUPPORTED_CONTENT_TYPE");
    expect(await messageCount()).toBe(before);
  });
});

describe("body size", () => {
  const big = () => JSON.stringify({ username: "x".repeat(HTTP.jsonBodyMaxBytes), password: "y" });

  it("a JSON body over the limit is 413 BODY_TOO_LARGE, by its Content-Length or while streaming", async () => {
    const declared = await fetch(`${server.url}/api/auth/token`, { method: "POST", headers: { "content-type": "application/json" }, body: big() });
    expect(declared.status).toBe(413);
    expect((await declared.json()).error.code).toBe("BODY_TOO_LARGE");
    // No Content-Length (chunked): cut off once past the limit.
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big()));
        controller.close();
      },
    });
    const chunked = await fetch(`${server.url}/api/auth/token`, { method: "POST", headers: { "content-type": "application/json" }, body: stream, duplex: "half" } as RequestInit);
    expect(chunked.status).toBe(413);
  });

  it("a 300 MB declared body is refused at once without being read", async () => {
    const started = Date.now();
    const res = await new Promise<number>((resolve, reject) => {
      const url = new URL(`${server.url}/api/auth/token`);
      import("node:http").then(({ request }) => {
        const req = request(
          { host: url.hostname, port: url.port, path: url.pathname, method: "POST", headers: { "content-type": "application/json", "content-length": String(300 * 1024 * 1024) } },
          (r) => resolve(r.statusCode ?? 0),
        );
        req.on("error", reject);
        req.write("{"); // and nothing more: the answer must not wait for the rest
      });
    });
    expect(res).toBe(413);
    expect(Date.now() - started).toBeLessThan(10_000);
  });
});

describe("socket Origin", () => {
  it("compares the scheme too: https://<this host> is not this http site", async () => {
    await expect(connectSocket(server.url, victim.token, { extraHeaders: { origin: server.url.replace("http:", "https:") } })).rejects.toThrow();
    const same = await connectSocket(server.url, victim.token, { extraHeaders: { origin: server.url } });
    same.close();
  });
});
