// Every write and event has a limit, from the attacker's side: floods of typing, reactions,
// edits, renames, member changes, follows, reports and sign-ups are cut off at the limit
// (429 RATE_LIMITED, Retry-After and RateLimit-* headers on HTTP, retryAfter in the ack),
// and what was refused changed nothing. The server runs with small limits (RATE_LIMITS,
// SOCKETS_PER_USER) and behind a proxy (TRUST_PROXY=1), so each simulated client has its
// own X-Forwarded-For address.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import type { Db } from "@/db/client";
import { birthDateForAge } from "@/db/seed/demo";
import { Api, type TestUser } from "../helpers/api";
import { befriend, cid, closeDbs, serverDb, startDirect, startGroup } from "../helpers/chat";
import { startServer, type TestServer } from "../helpers/server";
import { connectSocket, drainEvents, emitWithAck, nextDisconnect, nextEvent, pushesArrived } from "../helpers/socket";

const LIMITS = { signup: 3, reaction: 3, edit: 3, rename: 2, follow: 3, report: 2, memberChange: 2 };

let server: TestServer;
let db: Db;
const sockets: Socket[] = [];
beforeAll(async () => {
  server = await startServer({
    env: {
      TRUST_PROXY: "1",
      SOCKETS_PER_USER: "3",
      RATE_LIMITS: Object.entries(LIMITS)
        .map(([k, v]) => `${k}:${v}`)
        .join(","),
    },
  });
  db = serverDb(server);
});
afterAll(async () => {
  sockets.forEach((s) => s.close());
  await closeDbs();
  await server?.stop();
});

let addressCounter = 0;
const newAddress = () => `203.0.113.${++addressCounter}`;

function signup(address: string, username = `u${crypto.randomBytes(5).toString("hex")}`) {
  return fetch(`${server.url}/api/auth/signup`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-forwarded-for": address },
    body: JSON.stringify({ username, displayName: username, password: "correct horse battery", birthDate: birthDateForAge(30) }),
  });
}

/** A user signed up from an address of their own (the sign-up limit counts per address). */
async function adult(): Promise<TestUser> {
  const address = newAddress();
  const username = `u${crypto.randomBytes(5).toString("hex")}`;
  const res = await signup(address, username);
  if (res.status !== 201) throw new Error(`signup failed: ${res.status} ${await res.text()}`);
  const login = await new Api(server.url).request("POST", "/api/auth/token", { username, password: "correct horse battery" }, { "x-forwarded-for": address });
  return { id: login.body.user.id, username, password: "correct horse battery", token: login.body.token, api: new Api(server.url, login.body.token) };
}

async function connect(user: TestUser) {
  const socket = await connectSocket(server.url, user.token);
  sockets.push(socket);
  await nextEvent(socket, "hello");
  return socket;
}

/** A raw HTTP call, for the headers. */
function call(user: TestUser, method: string, path: string, body?: unknown) {
  return fetch(server.url + path, {
    method,
    headers: { authorization: `Bearer ${user.token}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

/** The refusal of the call one past the limit: 429 RATE_LIMITED with Retry-After and the RateLimit headers. */
async function expectRateLimited(res: Response, limit: number) {
  expect(res.status).toBe(429);
  const body = await res.json();
  expect(body.error.code).toBe("RATE_LIMITED");
  expect(body.error.retryAfter).toBeGreaterThan(0);
  expect(Number(res.headers.get("retry-after"))).toBe(body.error.retryAfter);
  expect(res.headers.get("ratelimit-limit")).toBe(String(limit));
  expect(res.headers.get("ratelimit-remaining")).toBe("0");
  expect(Number(res.headers.get("ratelimit-reset"))).toBeGreaterThan(0);
}

describe("typing", () => {
  it("a burst of 60 typing events reaches the other member once (at most one per 2 s)", async () => {
    const [a, b] = [await adult(), await adult()];
    await befriend(db, a, b);
    const { conversation } = await startDirect(a, b);
    const [sa, sb] = [await connect(a), await connect(b)];
    drainEvents(sb, "typing");
    const acks = await Promise.all(Array.from({ length: 60 }, () => emitWithAck(sa, "typing", { conversationId: conversation.id })));
    expect(acks.every((a) => a.ok)).toBe(true); // dropped silently, not refused
    await pushesArrived(b, sb);
    expect(drainEvents(sb, "typing")).toEqual([{ conversationId: conversation.id, userId: a.id }]);
  });

  it("a message ends the typing spell: typing right after it is relayed at once", async () => {
    const [a, b] = [await adult(), await adult()];
    await befriend(db, a, b);
    const { conversation } = await startDirect(a, b);
    const [sa, sb] = [await connect(a), await connect(b)];
    drainEvents(sb, "typing");
    await emitWithAck(sa, "typing", { conversationId: conversation.id });
    await emitWithAck(sa, "typing", { conversationId: conversation.id }); // within the window: dropped
    expect((await emitWithAck(sa, "message:send", { conversationId: conversation.id, clientId: cid(), text: "done" })).ok).toBe(true);
    await emitWithAck(sa, "typing", { conversationId: conversation.id }); // a new spell
    await pushesArrived(b, sb);
    expect(drainEvents(sb, "typing")).toHaveLength(2);
  });
});

describe("reactions, edits and renames", () => {
  it("reactions past the limit are 429 with Retry-After and RateLimit headers, over HTTP and the socket, and the reaction stays", async () => {
    const [a, b] = [await adult(), await adult()];
    await befriend(db, a, b);
    const { message } = await startDirect(a, b);
    const emojis = ["👍", "❤️", "😂"];
    for (const emoji of emojis) expect((await call(b, "PUT", `/api/messages/${message.id}/reaction`, { emoji })).status).toBe(200);
    await expectRateLimited(await call(b, "PUT", `/api/messages/${message.id}/reaction`, { emoji: "😮" }), LIMITS.reaction);
    const ack = await emitWithAck(await connect(b), "message:react", { messageId: message.id, emoji: "🔥" });
    expect(ack).toMatchObject({ ok: false, error: { code: "RATE_LIMITED" } });
    expect(ack.error.retryAfter).toBeGreaterThan(0);
    const reactions = await db.reaction.findMany({ where: { messageId: message.id } });
    expect(reactions.map((r) => r.emoji)).toEqual(["😂"]);
  });

  it("edits past the limit are 429 and leave the text as it was", async () => {
    const [a, b] = [await adult(), await adult()];
    await befriend(db, a, b);
    const { message } = await startDirect(a, b);
    for (let i = 1; i <= LIMITS.edit; i++) expect((await call(a, "PATCH", `/api/messages/${message.id}`, { text: `edit ${i}` })).status).toBe(200);
    await expectRateLimited(await call(a, "PATCH", `/api/messages/${message.id}`, { text: "one too many" }), LIMITS.edit);
    expect((await db.message.findUniqueOrThrow({ where: { id: message.id } })).text).toBe(`edit ${LIMITS.edit}`);
  });

  it("group renames past the limit are 429 and leave the title as it was", async () => {
    const [a, b, c] = [await adult(), await adult(), await adult()];
    await befriend(db, a, b);
    await befriend(db, a, c);
    const { conversation } = await startGroup(a, [b, c]);
    for (let i = 1; i <= LIMITS.rename; i++) expect((await call(a, "PATCH", `/api/conversations/${conversation.id}`, { title: `Title ${i}` })).status).toBe(200);
    await expectRateLimited(await call(a, "PATCH", `/api/conversations/${conversation.id}`, { title: "Spam title" }), LIMITS.rename);
    expect((await db.conversation.findUniqueOrThrow({ where: { id: conversation.id } })).title).toBe(`Title ${LIMITS.rename}`);
  });

  it("member changes past the limit are 429 and add no one", async () => {
    const people = await Promise.all(Array.from({ length: 5 }, () => adult()));
    const [owner, b, c, ...more] = people;
    for (const p of [b, c, ...more]) await befriend(db, owner, p);
    const { conversation } = await startGroup(owner, [b, c]);
    expect((await call(owner, "POST", `/api/conversations/${conversation.id}/members`, { userIds: [more[0].id] })).status).toBe(200);
    expect((await call(owner, "PATCH", `/api/conversations/${conversation.id}/members/${b.id}`, { role: "admin" })).status).toBe(200);
    await expectRateLimited(await call(owner, "POST", `/api/conversations/${conversation.id}/members`, { userIds: [more[1].id] }), LIMITS.memberChange);
    const member = await db.conversationMember.findUnique({ where: { conversationId_userId: { conversationId: conversation.id, userId: more[1].id } } });
    expect(member).toBeNull();
  });
});

describe("follows and reports", () => {
  it("follows past the limit are 429 and follow no one", async () => {
    const fan = await adult();
    const creators = await Promise.all(Array.from({ length: LIMITS.follow + 1 }, () => adult()));
    for (const creator of creators.slice(0, LIMITS.follow)) expect((await call(fan, "POST", `/api/users/${creator.id}/follow`)).status).toBe(200);
    await expectRateLimited(await call(fan, "POST", `/api/users/${creators[LIMITS.follow].id}/follow`), LIMITS.follow);
    expect(await db.follow.count({ where: { followerId: fan.id } })).toBe(LIMITS.follow);
  });

  it("reports past the limit are 429 and store nothing", async () => {
    const reporter = await adult();
    const targets = await Promise.all(Array.from({ length: LIMITS.report + 1 }, () => adult()));
    for (const target of targets.slice(0, LIMITS.report)) expect((await call(reporter, "POST", `/api/users/${target.id}/report`, { reason: "spam" })).status).toBe(201);
    await expectRateLimited(await call(reporter, "POST", `/api/users/${targets[LIMITS.report].id}/report`, { reason: "spam" }), LIMITS.report);
    expect(await db.report.count({ where: { reporterId: reporter.id } })).toBe(LIMITS.report);
  });
});

describe("sockets per user", () => {
  it("the fourth socket of a user (cap 3) disconnects the oldest; the newest three stay", async () => {
    const a = await adult();
    const first = await connect(a);
    const dropped = nextDisconnect(first, 10_000);
    const rest = [];
    for (let i = 0; i < 3; i++) rest.push(await connect(a));
    expect(await dropped).toBe("io server disconnect");
    // The cap check that dropped the first would have dropped any other in the same pass:
    // a push to the user after it reaches each of the three, which are still connected.
    await pushesArrived(a, ...rest);
    expect(rest.map((s) => s.connected)).toEqual([true, true, true]);
  });
});

describe("sign-ups", () => {
  it("one address gets 3 sign-ups, then 429 with Retry-After and no account; another address still signs up", async () => {
    const address = newAddress();
    const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => signup(address, `flood${i}${crypto.randomBytes(3).toString("hex")}`)));
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 201, 201, 429, 429, 429]);
    const refused = answers.find((r) => r.status === 429)!;
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(refused.headers.get("ratelimit-limit")).toBe(String(LIMITS.signup));
    expect(await db.user.count({ where: { username: { startsWith: "flood" } } })).toBe(3);
    expect((await signup(newAddress())).status).toBe(201);
  });
});
