// Webhooks against a real receiver: what a user's sockets are pushed reaches their hook,
// signed so that Standard Webhooks' own library verifies it; a failing receiver is retried
// with the same id, a hook failing for the whole retry period is turned off; another
// user's hook is a 404; nodes sharing the queue deliver each event once.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { deliverDue } from "@/domain/webhooks/deliver";
import { createUser, type TestUser } from "../helpers/api";
import { befriend, serverDb } from "../helpers/chat";
import { createCreator, createFans } from "../helpers/rooms";
import { startServer, type TestServer } from "../helpers/server";

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** A receiver on loopback: answers each request with what `answer` says for its path and the how-many-th try of its delivery it is. */
async function receiver(answer: (path: string, n: number) => number = () => 204) {
  const got: Received[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const path = req.url ?? "/";
      got.push({ path, headers: req.headers, body });
      const tries = got.filter((g) => g.path === path && g.headers["webhook-id"] === req.headers["webhook-id"]).length;
      res.statusCode = answer(path, tries);
      res.end();
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { base, got, at: (path: string) => got.filter((g) => g.path === path), close: () => new Promise((r) => server.close(r)) };
}

// This process delivers too (the race below): to the loopback receiver, like the server.
process.env.MURMUR_WEBHOOK_ALLOW_PRIVATE = "1";

let server: TestServer;
let db: Db;
let sink: Awaited<ReturnType<typeof receiver>>;
beforeAll(async () => {
  // Waits shrunk 20,000 times: about 4 s of retries instead of 24 h.
  server = await startServer({ env: { MURMUR_WEBHOOK_ALLOW_PRIVATE: "1", MURMUR_WEBHOOK_SWEEP_MS: "100", MURMUR_WEBHOOK_RETRY_SCALE: "0.00005" } });
  db = serverDb(server);
  sink = await receiver((path, n) => (path.startsWith("/down") ? 503 : path.startsWith("/flaky") && n < 3 ? 500 : 204));
});
afterAll(async () => {
  await sink?.close();
  await db?.$disconnect();
  await server?.stop();
});

async function until(check: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function hook(user: TestUser, path: string, events: string[]) {
  const res = await user.api.post("/api/webhooks", { url: sink.base + path, events });
  expect(res.status).toBe(201);
  return res.body as { webhook: { id: string; url: string; events: string[] }; secret: string };
}

async function friends() {
  const [ana, bot] = [await createUser(server.url), await createUser(server.url)];
  await befriend(db, ana, bot);
  return { ana, bot };
}

describe("webhooks", () => {
  it("deliver the pushes a user gets, only the events asked for, signed so a Standard Webhooks library verifies them", async () => {
    const { ana, bot } = await friends();
    const made = await hook(bot, "/bot", ["message:new"]);
    expect(made.secret).toMatch(/^whsec_/);
    expect((await bot.api.get("/api/webhooks")).body.webhooks).toEqual([expect.objectContaining({ id: made.webhook.id, events: ["message:new"], disabledAt: null })]);
    expect(JSON.stringify((await bot.api.get("/api/webhooks")).body)).not.toContain(made.secret); // shown once

    const start = await ana.api.post("/api/conversations", { kind: "direct", userId: bot.id, message: { clientId: "w1", text: "hello bot" } });
    expect(start.status).toBe(201);
    const reply = await bot.api.post(`/api/conversations/${start.body.conversation.id}/messages`, { clientId: "w2", text: "beep" });
    expect(reply.status).toBe(201);
    await until(() => sink.at("/bot").length >= 2);
    await new Promise((r) => setTimeout(r, 500)); // room for a wrong extra delivery (conversation:new was not asked for)
    const deliveries = sink.at("/bot");
    expect(deliveries).toHaveLength(2);
    const verifier = new Webhook(made.secret);
    const bodies = deliveries.map(
      (d) =>
        verifier.verify(d.body, {
          "webhook-id": String(d.headers["webhook-id"]),
          "webhook-timestamp": String(d.headers["webhook-timestamp"]),
          "webhook-signature": String(d.headers["webhook-signature"]),
        }) as { type: string; data: { message: { text: string } } },
    );
    expect(bodies.map((b) => [b.type, b.data.message.text]).sort()).toEqual([
      ["message:new", "beep"],
      ["message:new", "hello bot"],
    ]);
    // A tampered body, or another hook's secret, does not verify.
    expect(() =>
      verifier.verify(deliveries[0].body.replace("hello", "HELLO"), Object.fromEntries(["webhook-id", "webhook-timestamp", "webhook-signature"].map((h) => [h, String(deliveries[0].headers[h])]))),
    ).toThrow();
    const log = await bot.api.get(`/api/webhooks/${made.webhook.id}/deliveries`);
    expect(log.body.deliveries.map((d: { status: string; lastStatus: number }) => [d.status, d.lastStatus])).toEqual([
      ["delivered", 204],
      ["delivered", 204],
    ]);
    // Ana, who has no hook, and a stranger: nothing to see or change.
    for (const path of [`/api/webhooks/${made.webhook.id}/deliveries`]) expect((await ana.api.get(path)).status).toBe(404);
    expect((await ana.api.delete(`/api/webhooks/${made.webhook.id}`)).status).toBe(404);
    expect((await ana.api.post(`/api/webhooks/${made.webhook.id}/enable`)).status).toBe(404);
    expect((await ana.api.get("/api/webhooks")).body.webhooks).toEqual([]);
    expect((await bot.api.get("/api/webhooks")).body.webhooks).toHaveLength(1);
  });

  it("retry a failing receiver with the same id until it answers", async () => {
    const { ana, bot } = await friends();
    const made = await hook(bot, "/flaky", ["message:new", "conversation:new"]);
    await ana.api.post("/api/conversations", { kind: "direct", userId: bot.id, message: { clientId: "f1", text: "are you up?" } });
    await until(async () => (await bot.api.get(`/api/webhooks/${made.webhook.id}/deliveries`)).body.deliveries.some((d: { status: string }) => d.status === "delivered"));
    const log = (await bot.api.get(`/api/webhooks/${made.webhook.id}/deliveries`)).body.deliveries as { id: string; status: string; attempts: number }[];
    const done = log.find((d) => d.attempts >= 3 && d.status === "delivered");
    expect(done, JSON.stringify(log)).toBeDefined();
    const tries = sink.at("/flaky").filter((r) => r.headers["webhook-id"] === done!.id);
    expect(tries.length).toBe(done!.attempts);
    // Each attempt is signed anew, with its own timestamp; the id stays.
    expect(new Set(tries.map((t) => t.headers["webhook-id"])).size).toBe(1);
  });

  it("turn a hook off when it fails for the whole retry period; turned on again, it gets new events", async () => {
    const { ana, bot } = await friends();
    const made = await hook(bot, "/down", ["message:new"]);
    const start = await ana.api.post("/api/conversations", { kind: "direct", userId: bot.id, message: { clientId: "d1", text: "one" } });
    await until(async () => (await bot.api.get("/api/webhooks")).body.webhooks[0].disabledAt !== null, 20_000);
    const [view] = (await bot.api.get("/api/webhooks")).body.webhooks;
    expect(view.disabledReason).toBe("failing");
    const log = (await bot.api.get(`/api/webhooks/${made.webhook.id}/deliveries`)).body.deliveries;
    expect(log[0]).toMatchObject({ status: "failed", lastStatus: 503 });
    expect(log[0].attempts).toBeGreaterThan(3);
    // Off: a new message is not queued for it. A second hook of the bot's is the marker: both
    // would be queued by the same push, so once the marker has it, the first would have too.
    const before = sink.at("/down").length;
    await hook(bot, "/marker", ["message:new"]);
    await ana.api.post(`/api/conversations/${start.body.conversation.id}/messages`, { clientId: "d2", text: "two" });
    await until(() => sink.at("/marker").length === 1);
    expect(sink.at("/down").length).toBe(before);
    expect((await bot.api.get(`/api/webhooks/${made.webhook.id}/deliveries`)).body.deliveries).toHaveLength(1);
    // On again: the next message is queued.
    expect((await bot.api.post(`/api/webhooks/${made.webhook.id}/enable`)).body.webhook.disabledAt).toBeNull();
    await ana.api.post(`/api/conversations/${start.body.conversation.id}/messages`, { clientId: "d3", text: "three" });
    await until(async () => (await bot.api.get(`/api/webhooks/${made.webhook.id}/deliveries`)).body.deliveries.length === 2);
  });

  it("deliver a room's pushes to its members' hooks", async () => {
    const creator = await createCreator(server, db);
    const room = (await creator.api.post("/api/rooms", { name: "Hooked room", audience: "both" })).body.room as { id: string };
    const [fan] = await createFans(server, db, creator.id, 1);
    expect((await fan.api.post(`/api/rooms/${room.id}/join`)).status).toBe(200);
    const made = await creator.api.post("/api/webhooks", { url: `${sink.base}/room`, events: ["room:message:new"] });
    expect(made.status).toBe(201);
    const topic = (await creator.api.get(`/api/rooms/${room.id}/topics`)).body.topics[0];
    await fan.api.post(`/api/rooms/${room.id}/topics/${topic.id}/messages`, { clientId: "r1", text: "hi creator" });
    await until(() => sink.at("/room").length === 1);
    expect(JSON.parse(sink.at("/room")[0].body)).toMatchObject({ type: "room:message:new", data: { roomId: room.id, topicId: topic.id, message: { text: "hi creator" } } });
  });

  it("refuse bad registrations with VALIDATION_FAILED and store nothing", async () => {
    const user = await createUser(server.url);
    for (const body of [
      { url: `${sink.base}/x`, events: [] },
      { url: `${sink.base}/x`, events: ["hello"] }, // the connection's own, not an event
      { url: `${sink.base}/x`, events: ["no:such"] },
      { url: "ftp://example.org/hook", events: ["message:new"] },
      { url: "not a url", events: ["message:new"] },
      { url: "https://user:pw@example.org/hook", events: ["message:new"] },
    ]) {
      const res = await user.api.post("/api/webhooks", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.code).toBe("VALIDATION_FAILED");
    }
    expect((await user.api.get("/api/webhooks")).body.webhooks).toEqual([]);
    // A 17-year-old cannot send their messages out of Murmur.
    const teen = await createUser(server.url, { age: 17 });
    const refused = await teen.api.post("/api/webhooks", { url: `${sink.base}/teen`, events: ["message:new"] });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("AGE_RESTRICTED");
    expect(await db.webhook.count({ where: { userId: teen.id } })).toBe(0);
  });

  it("a bot registers its own hook through a token with webhooks:manage, not without", async () => {
    const owner = await createUser(server.url);
    const made = await owner.api.post("/api/me/bots", { username: `hookbot${Date.now().toString(36)}`, displayName: "Hook bot" });
    expect(made.status).toBe(201);
    const botId = made.body.bot.id as string;
    const tokenWith = async (scopes: string[]) => (await owner.api.post(`/api/me/bots/${botId}/tokens`, { name: scopes.join(" "), scopes, expiresInDays: 7 })).body.token as string;
    const post = (token: string) =>
      fetch(`${server.url}/api/webhooks`, {
        method: "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ url: `${sink.base}/bot-own`, events: ["message:new"] }),
      });
    const refused = await post(await tokenWith(["messages:read", "messages:write"]));
    expect(refused.status).toBe(403);
    expect((await refused.json()).error.code).toBe("INSUFFICIENT_SCOPE");
    expect(await db.webhook.count({ where: { userId: botId } })).toBe(0);
    const allowed = await post(await tokenWith(["webhooks:manage"]));
    expect(allowed.status).toBe(201);
    expect(await db.webhook.count({ where: { userId: botId } })).toBe(1);
  });

  it("nodes sharing the queue deliver each event once", async () => {
    const user = await createUser(server.url);
    const made = await hook(user, "/once", ["message:new"]);
    // Thirty queued at once, far in the past, and three workers racing for them: this process's two and the server's own.
    const at = new Date(Date.now() - 60_000);
    const ids = Array.from({ length: 30 }, (_, i) => `msg_race${i}`);
    await db.webhookDelivery.createMany({ data: ids.map((id) => ({ id, webhookId: made.webhook.id, event: "message:new", payload: "{}", nextAttemptAt: at, createdAt: at })) });
    await Promise.all([deliverDue(db), deliverDue(db), deliverDue(db), deliverDue(db)]);
    await until(() => sink.at("/once").length >= 30);
    await new Promise((r) => setTimeout(r, 500));
    const counts = new Map<string, number>();
    for (const r of sink.at("/once")) counts.set(String(r.headers["webhook-id"]), (counts.get(String(r.headers["webhook-id"])) ?? 0) + 1);
    expect([...counts.keys()].sort()).toEqual([...ids].sort());
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
  });
});
