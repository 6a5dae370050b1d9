// The public API's conventions: the documents are served without a login, history pages say
// hasMore, lists page with cursor+limit, and rate-limited routes answer with the IETF
// RateLimit header fields from the limiter's real state.
import { describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { RATE_LIMIT, WRITE_LIMITS } from "@/shared/limits";
import { createUser, type TestUser } from "../helpers/api";
import { befriend, cid, send, startDirect } from "../helpers/chat";
import { createCreator, createFans } from "../helpers/rooms";
import { serverPerFile } from "../helpers/server-per-file";
import { connectSocket } from "../helpers/socket";
import type { TestServer } from "../helpers/server";

let server: TestServer;
let db: Db;
serverPerFile((s, d) => ((server = s), (db = d)));
const adult = () => createUser(server.url, { age: 30 });

/** A raw request, for the headers. */
const call = (user: TestUser | null, method: string, path: string, body?: unknown) =>
  fetch(server.url + path, {
    method,
    headers: { ...(user ? { authorization: `Bearer ${user.token}` } : {}), ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

async function chatWith(messages: number) {
  const [a, b] = [await adult(), await adult()];
  await befriend(db, a, b);
  const { conversation } = await startDirect(a, b, "m1");
  // Both send, so that 25 messages stay under the per-sender rate limit.
  for (let i = 2; i <= messages; i++) expect((await send(i % 2 ? a : b, conversation.id, { text: `m${i}` })).status).toBe(201);
  return { a, b, conversationId: conversation.id as string };
}
const seqs = (page: { messages: { seq: number }[] }) => page.messages.map((m) => m.seq);

describe("the API documents", () => {
  it("are served without a login and name the routes and events", async () => {
    const openapi = await call(null, "GET", "/api/openapi.json");
    expect(openapi.status).toBe(200);
    const doc = await openapi.json();
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.paths["/api/conversations/{id}/messages"].post.responses["429"].headers).toHaveProperty("RateLimit-Policy");
    expect(doc.components.schemas.MessageView.properties).toHaveProperty("seq");
    const asyncapi = await call(null, "GET", "/api/asyncapi.json");
    expect(asyncapi.status).toBe(200);
    const events = await asyncapi.json();
    expect(events.asyncapi).toBe("3.0.0");
    expect(events.info.description).toContain("one argument, its payload");
  });
});

describe("socket pushes", () => {
  it("have one argument, the payload, as the AsyncAPI document says (no recovery offset after it)", async () => {
    const { a, b, conversationId } = await chatWith(1);
    const socket = await connectSocket(server.url, b.token);
    const args = new Promise<unknown[]>((resolve) => socket.once("message:new", (...received: unknown[]) => resolve(received)));
    expect((await send(a, conversationId, { text: "one argument" })).status).toBe(201);
    const [payload, ...rest] = await args;
    expect(payload).toMatchObject({ message: { text: "one argument" } });
    expect(rest).toEqual([]);
    socket.close();
  });
});

describe("history pages", () => {
  it("after+before: the first `limit` strictly between them, ascending; hasMore in the paging direction", async () => {
    const { a, conversationId } = await chatWith(25);
    const path = `/api/conversations/${conversationId}/messages`;
    const between = (await a.api.get(`${path}?after=5&before=20&limit=3`)).body;
    expect(seqs(between)).toEqual([6, 7, 8]);
    expect(between.hasMore).toBe(true);
    const lastOfGap = (await a.api.get(`${path}?after=16&before=20&limit=3`)).body;
    expect(seqs(lastOfGap)).toEqual([17, 18, 19]);
    expect(lastOfGap.hasMore).toBe(false);
    const catchUp = (await a.api.get(`${path}?after=20&limit=5`)).body;
    expect([seqs(catchUp), catchUp.hasMore]).toEqual([[21, 22, 23, 24, 25], false]);
    const catchUpMore = (await a.api.get(`${path}?after=19&limit=5`)).body;
    expect([seqs(catchUpMore), catchUpMore.hasMore]).toEqual([[20, 21, 22, 23, 24], true]);
    const latest = (await a.api.get(`${path}?limit=10`)).body;
    expect([seqs(latest), latest.hasMore]).toEqual([[16, 17, 18, 19, 20, 21, 22, 23, 24, 25], true]);
    const oldest = (await a.api.get(`${path}?before=4&limit=3`)).body;
    expect([seqs(oldest), oldest.hasMore]).toEqual([[1, 2, 3], false]);
    const all = (await a.api.get(path)).body;
    expect([all.messages.length, all.hasMore]).toEqual([25, false]);
  });

  it("room topics say hasMore the same way", async () => {
    const creator = await createCreator(server, db);
    const room = (await creator.api.post("/api/rooms", { name: "Paging", audience: "subscribers" })).body.room;
    const topicId = (await creator.api.get(`/api/rooms/${room.id}/topics`)).body.topics[0].id;
    const path = `/api/rooms/${room.id}/topics/${topicId}/messages`;
    for (let i = 1; i <= 6; i++) expect((await creator.api.post(path, { clientId: cid(), text: `t${i}` })).status).toBe(201);
    const page = (await creator.api.get(`${path}?after=1&before=6&limit=2`)).body;
    expect([seqs(page), page.hasMore]).toEqual([[2, 3], true]);
    const latest = (await creator.api.get(`${path}?limit=4`)).body;
    expect([seqs(latest), latest.hasMore, latest.authors.length]).toEqual([[3, 4, 5, 6], true, 1]);
    const rest = (await creator.api.get(`${path}?before=3&limit=4`)).body;
    expect([seqs(rest), rest.hasMore]).toEqual([[1, 2], false]);
  });
});

describe("cursor paging of lists", () => {
  it("every other list pages the same way (blocks and tokens here)", async () => {
    const me = await createUser(server.url);
    const others = await Promise.all([1, 2, 3].map(() => createUser(server.url)));
    for (const other of others) expect((await me.api.post(`/api/users/${other.id}/block`)).status).toBeLessThan(300);
    for (const name of ["a", "b", "c"]) expect((await me.api.post("/api/me/tokens", { name, scopes: ["messages:read"], expiresInDays: 7 })).status).toBe(201);
    for (const [path, key, total] of [
      ["/api/me/blocks", "users", 3],
      ["/api/me/tokens", "tokens", 3],
    ] as const) {
      const whole = await me.api.get(path);
      expect(whole.body, path).toMatchObject({ nextCursor: null, hasMore: false });
      expect(whole.body[key], path).toHaveLength(total);
      const first = await me.api.get(`${path}?limit=2`);
      expect(first.body, path).toMatchObject({ hasMore: true, nextCursor: expect.any(String) });
      const second = await me.api.get(`${path}?limit=2&cursor=${first.body.nextCursor}`);
      expect(second.body, path).toMatchObject({ hasMore: false, nextCursor: null });
      const ids = (list: { id?: string; user?: { id: string } }[]) => list.map((x) => x.id);
      expect([...ids(first.body[key]), ...ids(second.body[key])], path).toEqual(ids(whole.body[key]));
      expect((await me.api.get(`${path}?limit=0`)).status, path).toBe(400);
    }
  });

  it("the inbox: pages by last activity, without repeats when a conversation moves up; no limit: all of it", async () => {
    const me = await adult();
    const others = [await adult(), await adult(), await adult()];
    const ids: string[] = [];
    for (const other of others) {
      await befriend(db, me, other);
      ids.push((await startDirect(me, other)).conversation.id);
    }
    const whole = (await me.api.get("/api/conversations")).body;
    expect(whole.conversations.map((c: { id: string }) => c.id)).toEqual([...ids].reverse());
    expect([whole.nextCursor, whole.hasMore]).toEqual([null, false]);

    const first = (await me.api.get("/api/conversations?limit=2")).body;
    expect(first.conversations.map((c: { id: string }) => c.id)).toEqual([ids[2], ids[1]]);
    expect(first.hasMore).toBe(true);
    expect(typeof first.nextCursor).toBe("string");
    // The oldest conversation gets a message: it moves to the top, and the next page holds none seen.
    expect((await send(me, ids[0], { text: "bump" })).status).toBe(201);
    const second = (await me.api.get(`/api/conversations?limit=2&cursor=${first.nextCursor}`)).body;
    expect(second.conversations.map((c: { id: string }) => c.id)).toEqual([]);
    expect([second.nextCursor, second.hasMore]).toEqual([null, false]);
    const again = (await me.api.get("/api/conversations?limit=2")).body;
    const rest = (await me.api.get(`/api/conversations?limit=2&cursor=${again.nextCursor}`)).body;
    expect([...again.conversations, ...rest.conversations].map((c: { id: string }) => c.id)).toEqual([ids[0], ids[2], ids[1]]);
    expect(rest.hasMore).toBe(false);
    expect((await me.api.get("/api/conversations?limit=0")).status).toBe(400);
  });

  it("people search and room members", async () => {
    const me = await adult();
    const tag = `pg${Date.now().toString(36)}`;
    for (let i = 0; i < 3; i++) await createUser(server.url, { age: 25, username: `${tag}${i}` });
    const all = (await me.api.get(`/api/users?query=${tag}`)).body;
    expect(all.users).toHaveLength(3);
    expect([all.nextCursor, all.hasMore]).toEqual([null, false]);
    const one = (await me.api.get(`/api/users?query=${tag}&limit=2`)).body;
    const two = (await me.api.get(`/api/users?query=${tag}&limit=2&cursor=${one.nextCursor}`)).body;
    expect([one.users.length, one.hasMore, two.users.length, two.hasMore]).toEqual([2, true, 1, false]);
    expect([...one.users, ...two.users].map((u: { id: string }) => u.id)).toEqual(all.users.map((u: { id: string }) => u.id));
    expect((await me.api.get(`/api/users?query=${tag}&limit=2&cursor=bm9wZQ`)).status).toBe(400);

    const creator = await createCreator(server, db);
    const room = (await creator.api.post("/api/rooms", { name: "Members", audience: "subscribers" })).body.room;
    const fans = await createFans(server, db, creator.id, 4);
    for (const fan of fans) expect((await fan.api.post(`/api/rooms/${room.id}/join`)).status).toBe(200);
    const members = (await creator.api.get(`/api/rooms/${room.id}/members`)).body;
    expect([members.members.length, members.hasMore]).toEqual([5, false]);
    const page1 = (await creator.api.get(`/api/rooms/${room.id}/members?limit=3`)).body;
    const page2 = (await creator.api.get(`/api/rooms/${room.id}/members?limit=3&cursor=${page1.nextCursor}`)).body;
    expect(page1.members[0].role).toBe("creator");
    expect([...page1.members, ...page2.members].map((m: { id: string }) => m.id)).toEqual(members.members.map((m: { id: string }) => m.id));
    expect([page1.hasMore, page2.hasMore, page2.nextCursor]).toEqual([true, false, null]);
  });
});

describe("RateLimit header fields", () => {
  it("every answer of a message send carries the sender's message limit; over it, 429 with remaining 0", async () => {
    const [a, b] = [await adult(), await adult()];
    await befriend(db, a, b);
    const { conversation } = await startDirect(a, b);
    // Wait for a fresh window, so that all the sends below fall into one.
    const windowS = RATE_LIMIT.windowMs / 1000;
    const intoWindow = Date.now() % RATE_LIMIT.windowMs;
    if (intoWindow > 1_000) await new Promise((r) => setTimeout(r, RATE_LIMIT.windowMs - intoWindow + 50));
    const first = await call(a, "POST", `/api/conversations/${conversation.id}/messages`, { clientId: cid(), text: "counted" });
    expect(first.status).toBe(201);
    expect(first.headers.get("ratelimit-policy")).toBe(`"messages";q=${RATE_LIMIT.messagesPerWindow};w=${windowS}`);
    const remaining = Number(first.headers.get("ratelimit-remaining"));
    expect(remaining).toBeLessThan(RATE_LIMIT.messagesPerWindow);
    expect(first.headers.get("ratelimit-limit")).toBe(String(RATE_LIMIT.messagesPerWindow));
    const reset = Number(first.headers.get("ratelimit-reset"));
    expect(reset).toBeGreaterThanOrEqual(1);
    expect(reset).toBeLessThanOrEqual(windowS);
    expect(first.headers.get("ratelimit")).toBe(`"messages";r=${remaining};t=${reset}`);

    let last = first;
    for (let i = 0; i < remaining; i++) {
      last = await call(a, "POST", `/api/conversations/${conversation.id}/messages`, { clientId: cid(), text: `n${i}` });
      expect(last.status).toBe(201);
      expect(Number(last.headers.get("ratelimit-remaining"))).toBe(remaining - i - 1);
    }
    const refused = await call(a, "POST", `/api/conversations/${conversation.id}/messages`, { clientId: cid(), text: "one too many" });
    expect(refused.status).toBe(429);
    expect((await refused.json()).error.code).toBe("RATE_LIMITED");
    expect(refused.headers.get("ratelimit-remaining")).toBe("0");
    expect(refused.headers.get("ratelimit")).toMatch(/^"messages";r=0;t=\d+$/);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
  });

  it("a named limit's refusal carries its policy (group renames and mutes: rename)", async () => {
    const { a, conversationId } = await chatWith(1);
    const { points, seconds } = WRITE_LIMITS.rename;
    for (let i = 0; i < points; i++) expect((await a.api.patch(`/api/conversations/${conversationId}`, { muted: i % 2 === 0 })).status).toBe(200);
    const refused = await call(a, "PATCH", `/api/conversations/${conversationId}`, { muted: true });
    expect(refused.status).toBe(429);
    expect(refused.headers.get("ratelimit-policy")).toBe(`"rename";q=${points};w=${seconds}`);
    expect(refused.headers.get("ratelimit")).toMatch(/^"rename";r=0;t=\d+$/);
    expect(refused.headers.get("ratelimit-remaining")).toBe("0");
  });
});
