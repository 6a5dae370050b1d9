// Bot accounts, from the attacker's side: a minor cannot make one; a bot cannot log in with
// a password (either login path); a bot never opens a conversation with an under-18 (1:1,
// group or add) but may answer one the minor opened; it is marked isBot wherever it
// appears; someone else's bot's tokens are 404; and bots have their own rate-limit tier.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { Api, createUser, sessionCookie, type TestUser } from "../helpers/api";
import { befriend, cid, serverDb, startDirect } from "../helpers/chat";
import { startServer, type TestServer } from "../helpers/server";
import { serverPerFile } from "../helpers/server-per-file";
import { connectSocket, emitWithAck } from "../helpers/socket";

let server: TestServer;
let db: Db;
serverPerFile((s, d) => ((server = s), (db = d)));

type Bot = TestUser;

/** An adult's bot with a read+write token; the bot's client is an Api with that token. */
async function makeBot(owner: TestUser, baseUrl = server.url): Promise<Bot> {
  const username = `bot${crypto.randomBytes(4).toString("hex")}`;
  const created = await owner.api.post("/api/me/bots", { username, displayName: "Echo Bot" });
  expect(created.status).toBe(201);
  expect(created.body.bot).toMatchObject({ username, isBot: true });
  const id = created.body.bot.id as string;
  const tok = await owner.api.post(`/api/me/bots/${id}/tokens`, { name: "echo", scopes: ["messages:read", "messages:write"], expiresInDays: 30 });
  expect(tok.status).toBe(201);
  return { id, username, password: "", token: tok.body.token, api: new Api(baseUrl, tok.body.token) };
}

describe("bots", () => {
  it("a minor cannot create a bot; an adult can, and the bot's token speaks for the bot", async () => {
    const teen = await createUser(server.url, { age: 17 });
    const refused = await teen.api.post("/api/me/bots", { username: `bot${crypto.randomBytes(4).toString("hex")}`, displayName: "Teen bot" });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("BOT_OWNER_TOO_YOUNG");
    expect(await db.user.count({ where: { botOwnerId: teen.id } })).toBe(0);

    const owner = await createUser(server.url);
    const bot = await makeBot(owner);
    const me = await bot.api.get("/api/me");
    expect(me.status).toBe(200);
    expect(me.body.user.id).toBe(bot.id);
    expect((await owner.api.get("/api/me/bots")).body.bots.map((b: { id: string }) => b.id)).toEqual([bot.id]);
  });

  it("a bot cannot log in with a password, by token or through the browser login", async () => {
    const owner = await createUser(server.url);
    const bot = await makeBot(owner);
    const row = await db.user.findUnique({ where: { id: bot.id }, select: { passwordHash: true, isBot: true, botOwnerId: true } });
    expect(row).toMatchObject({ isBot: true, botOwnerId: owner.id });
    const anon = new Api(server.url);
    // The stored placeholder, an empty one and the owner's password: all refused.
    for (const password of [row!.passwordHash, "x", owner.password]) {
      const res = await anon.post("/api/auth/token", { username: bot.username, password });
      expect(res.status).toBe(401);
      expect(res.body.error.code).toBe("INVALID_CREDENTIALS");
      await expect(sessionCookie(server.url, bot.username, password)).rejects.toThrow(/no session cookie/);
    }
  });

  it("someone else's bot and its tokens are 404", async () => {
    const [owner, stranger] = [await createUser(server.url), await createUser(server.url)];
    const bot = await makeBot(owner);
    const tokens = await owner.api.get(`/api/me/bots/${bot.id}/tokens`);
    const tokenId = tokens.body.tokens[0].id as string;
    expect((await stranger.api.get(`/api/me/bots/${bot.id}/tokens`)).status).toBe(404);
    expect((await stranger.api.post(`/api/me/bots/${bot.id}/tokens`, { name: "mine", scopes: ["messages:write"], expiresInDays: 7 })).status).toBe(404);
    expect((await stranger.api.delete(`/api/me/bots/${bot.id}/tokens/${tokenId}`)).status).toBe(404);
    expect((await stranger.api.delete(`/api/me/tokens/${tokenId}`)).status).toBe(404);
    // A human's id is no bot: no tokens can be made for another person through this path.
    expect((await owner.api.post(`/api/me/bots/${stranger.id}/tokens`, { name: "steal", scopes: ["messages:write"], expiresInDays: 7 })).status).toBe(404);
    expect((await bot.api.get("/api/me")).status).toBe(200);
    // The owner can revoke it.
    expect((await owner.api.delete(`/api/me/bots/${bot.id}/tokens/${tokenId}`)).status).toBe(200);
    expect((await bot.api.get("/api/me")).status).toBe(401);
  });

  it("a bot cannot start a chat with a 16-year-old, nor a group with one, nor add one; an adult it can", async () => {
    const owner = await createUser(server.url);
    const bot = await makeBot(owner);
    const [teen, adult, adult2] = [await createUser(server.url, { age: 16 }), await createUser(server.url), await createUser(server.url)];
    // Friends, so that every other rule would let the message through.
    await befriend(db, bot, teen);

    const direct = await bot.api.post("/api/conversations", { kind: "direct", userId: teen.id, message: { clientId: cid(), text: "hello kid" } });
    expect(direct.status).toBe(403);
    expect(direct.body.error.code).toBe("BOT_CANNOT_MESSAGE_MINOR");
    const group = await bot.api.post("/api/conversations", { kind: "group", title: "G", memberIds: [teen.id, adult.id], message: { clientId: cid(), text: "hi all" } });
    expect(group.status).toBe(403);
    expect(group.body.error.code).toBe("BOT_CANNOT_MESSAGE_MINOR");
    const socket = await connectSocket(server.url, bot.token);
    try {
      const ack = await emitWithAck(socket, "conversation:start", { kind: "direct", userId: teen.id, message: { clientId: cid(), text: "psst" } });
      expect(ack).toMatchObject({ ok: false, error: { code: "BOT_CANNOT_MESSAGE_MINOR" } });
    } finally {
      socket.close();
    }
    expect(await db.conversationMember.count({ where: { userId: teen.id } })).toBe(0);

    // An adult: fine; adding the teen to that group is refused.
    const ok = await bot.api.post("/api/conversations", { kind: "group", title: "G", memberIds: [adult.id, adult2.id], message: { clientId: cid(), text: "hi all" } });
    expect(ok.status).toBe(201);
    const add = await bot.api.post(`/api/conversations/${ok.body.conversation.id}/members`, { userIds: [teen.id] });
    expect(add.status).toBe(403);
    expect(add.body.error.code).toBe("BOT_CANNOT_MESSAGE_MINOR");
    // People search and the profile do not offer the bot a message to the teen.
    const profile = await bot.api.get(`/api/users/${teen.username}`);
    expect(profile.body.profile.relation.canMessage).toBe(false);
  });

  it("may answer when a 16-year-old wrote first", async () => {
    const owner = await createUser(server.url);
    const bot = await makeBot(owner);
    const teen = await createUser(server.url, { age: 16 });
    await befriend(db, bot, teen);
    const { conversation } = await startDirect(teen, bot, "hi bot");
    const reply = await bot.api.post(`/api/conversations/${conversation.id}/messages`, { clientId: cid(), text: "hello, how can I help?" });
    expect(reply.status).toBe(201);
  });

  it("is marked isBot in member views and on its profile; people are not", async () => {
    const owner = await createUser(server.url);
    const bot = await makeBot(owner);
    const human = await createUser(server.url);
    await befriend(db, bot, human);
    const { conversation } = await startDirect(human, bot, "hi");
    const members = (await human.api.get(`/api/conversations/${conversation.id}`)).body.conversation.members as { id: string; isBot: boolean }[];
    expect(members.find((m) => m.id === bot.id)?.isBot).toBe(true);
    expect(members.find((m) => m.id === human.id)?.isBot).toBe(false);
    expect((await human.api.get(`/api/users/${bot.username}`)).body.profile.user.isBot).toBe(true);
    expect((await bot.api.get(`/api/users/${human.username}`)).body.profile.user.isBot).toBe(false);
    const search = await human.api.get(`/api/users?query=${bot.username}`);
    expect(search.body.users.find((u: { id: string }) => u.id === bot.id)?.isBot).toBe(true);
  });

  it("the default bot tier lets a bot send more than a person's 20 per 10 s", async () => {
    const owner = await createUser(server.url);
    const bot = await makeBot(owner);
    const human = await createUser(server.url);
    await befriend(db, bot, human);
    const { conversation } = await startDirect(human, bot, "echo");
    const socket = await connectSocket(server.url, bot.token);
    try {
      const acks = await Promise.all(Array.from({ length: 30 }, (_, i) => emitWithAck(socket, "message:send", { conversationId: conversation.id, clientId: cid(), text: `echo ${i}` })));
      expect(acks.filter((a) => !a.ok)).toEqual([]);
    } finally {
      socket.close();
    }
  });
});

describe("BOT_MESSAGE_RATE_LIMIT", () => {
  let tiered: TestServer;
  let tieredDb: Db;
  beforeAll(async () => {
    tiered = await startServer({ env: { MESSAGE_RATE_LIMIT: "4", BOT_MESSAGE_RATE_LIMIT: "25" } });
    tieredDb = serverDb(tiered);
  });
  afterAll(async () => {
    await tiered?.stop();
  });

  it("bots get their own allowance: above a person's, and still limited", async () => {
    const [owner, human] = [await createUser(tiered.url), await createUser(tiered.url)];
    const bot = await makeBot(owner, tiered.url);
    await befriend(tieredDb, bot, human);
    const { conversation } = await startDirect(human, bot, "hi");
    const burst = async (token: string, n: number) => {
      const socket = await connectSocket(tiered.url, token);
      try {
        return await Promise.all(Array.from({ length: n }, (_, i) => emitWithAck(socket, "message:send", { conversationId: conversation.id, clientId: cid(), text: `m${i}` })));
      } finally {
        socket.close();
      }
    };
    // 12 at once span at most two windows: a person (4 a window) is refused some, the bot (25) none.
    const person = await burst(human.token, 12);
    expect(person.filter((a) => !a.ok).map((a) => a.error.code)).toContain("RATE_LIMITED");
    const botAcks = await burst(bot.token, 12);
    expect(botAcks.filter((a) => !a.ok)).toEqual([]);
    // 60 more at once: at most two windows of 25, so the bot is refused too.
    const flood = await burst(bot.token, 60);
    const refused = flood.filter((a) => !a.ok);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0].error).toMatchObject({ code: "RATE_LIMITED", retryAfter: expect.any(Number) });
  });
});
