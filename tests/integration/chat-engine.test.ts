// The browser's sync engine, run in Node against the real server: the outbox sends in
// order and lets go once acked, a refusal shows as failed, and after a dropped connection
// catch-up fills what was missed.
import fsp from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { ChatEngine } from "@/client/chat/engine";
import { memoryOutboxStorage } from "@/client/chat/outbox";
import { createUser, type TestUser } from "../helpers/api";
import { befriend, serverDb } from "../helpers/chat";
import * as fx from "../helpers/media";
import { uploadFile } from "../helpers/safety";
import { serverPerFile } from "../helpers/server-per-file";
import type { TestServer } from "../helpers/server";

let server: TestServer;
serverPerFile((s) => (server = s));

function engineFor(user: TestUser, storage = memoryOutboxStorage()) {
  const engine = new ChatEngine({ me: user.id, storage, baseUrl: server.url, token: user.token });
  engine.start();
  return { engine, storage };
}

/** Resolves once the engine's state satisfies the check (every change is checked). */
function until(engine: ChatEngine, check: () => boolean, timeoutMs = 15_000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (check()) return resolve();
    const timer = setTimeout(() => (stop(), reject(new Error("condition not met in time"))), timeoutMs);
    const stop = engine.subscribe(() => {
      if (check()) clearTimeout(timer), stop(), resolve();
    });
  });
}

const texts = (engine: ChatEngine, conversationId: string) =>
  Object.values(engine.snapshot().state.messages[conversationId] ?? {})
    .sort((a, b) => a.seq - b.seq)
    .map((m) => m.text);

describe("the chat engine against the real server", () => {
  it("sends a burst in the order written, each once, and empties its outbox", async () => {
    const [ana, ben] = [await createUser(server.url), await createUser(server.url)];
    await befriend(serverDb(server), ana, ben);
    const start = await ana.api.post("/api/conversations", { kind: "direct", userId: ben.id, message: { clientId: "first", text: "0" } });
    const id = start.body.conversation.id as string;
    const { engine, storage } = engineFor(ana);
    await engine.catchUp();
    await engine.open(id);
    const burst = Array.from({ length: 12 }, (_, i) => String(i + 1));
    for (const text of burst) engine.send(id, { text });
    expect(storage.items.map((i) => i.body.text)).toEqual(burst); // persisted before anything is acked
    await until(engine, () => engine.snapshot().outbox.length === 0);
    const fetched = await ben.api.get(`/api/conversations/${id}/messages?after=0&limit=100`);
    expect(fetched.body.messages.map((m: { text: string }) => m.text)).toEqual(["0", ...burst]);
    expect(texts(engine, id)).toEqual(["0", ...burst]);
    engine.stop();
  });

  it("shows a refused message as failed and keeps going with the rest", async () => {
    const [ana, ben] = [await createUser(server.url), await createUser(server.url)];
    await befriend(serverDb(server), ana, ben);
    const start = await ana.api.post("/api/conversations", { kind: "direct", userId: ben.id, message: { clientId: "first", text: "hi" } });
    const id = start.body.conversation.id as string;
    const { engine } = engineFor(ana);
    await engine.open(id);
    engine.send(id, { text: "x", replyToId: "no-such-message" });
    engine.send(id, { text: "still goes" });
    await until(engine, () => engine.snapshot().outbox.every((i) => i.status === "failed") && texts(engine, id).includes("still goes"));
    expect(engine.snapshot().outbox).toHaveLength(1);
    expect(engine.snapshot().outbox[0].error?.code).toMatch(/^[A-Z_]+$/);
    engine.stop();
  });

  it("a chat that gets a message before it is first opened shows its whole history when opened", async () => {
    const [ana, ben] = [await createUser(server.url), await createUser(server.url)];
    await befriend(serverDb(server), ana, ben);
    const start = await ben.api.post("/api/conversations", { kind: "direct", userId: ana.id, message: { clientId: "h0", text: "h0" } });
    const id = start.body.conversation.id as string;
    for (const text of ["h1", "h2", "h3"]) await ben.api.post(`/api/conversations/${id}/messages`, { clientId: text, text });
    // Ana is in her inbox: the engine is online, the chat never opened in this page.
    const { engine } = engineFor(ana);
    await until(engine, () => engine.snapshot().status === "online");
    await engine.catchUp();
    await ben.api.post(`/api/conversations/${id}/messages`, { clientId: "h4", text: "h4" });
    await until(engine, () => texts(engine, id).includes("h4"));
    expect(texts(engine, id)).toEqual(["h4"]); // only the push is held so far
    await engine.open(id);
    expect(texts(engine, id)).toEqual(["h0", "h1", "h2", "h3", "h4"]);
    expect(engine.snapshot().state.hasOlder[id]).toBe(false);
    engine.stop();
  });

  /** Ben writes "a" to Ana; Ana's engine is online with the conversation open and caught up. */
  async function anaOnlineWithBen() {
    const [ana, ben] = [await createUser(server.url), await createUser(server.url)];
    await befriend(serverDb(server), ana, ben);
    const start = await ben.api.post("/api/conversations", { kind: "direct", userId: ana.id, message: { clientId: "b0", text: "a" } });
    const id = start.body.conversation.id as string;
    const { engine } = engineFor(ana);
    await engine.open(id);
    await until(engine, () => engine.snapshot().status === "online");
    await engine.catchUp(); // the one the connection started
    return { ben, id, engine };
  }

  it("fills what it missed while its connection was down", async () => {
    const { ben, id, engine } = await anaOnlineWithBen();
    engine.stop(); // the connection is gone: nothing is pushed to this client now
    for (const [i, text] of ["b", "c", "d"].entries()) await ben.api.post(`/api/conversations/${id}/messages`, { clientId: `b${i + 1}`, text });
    expect(texts(engine, id)).toEqual(["a"]);
    engine.start();
    await until(engine, () => texts(engine, id).length === 4);
    expect(texts(engine, id)).toEqual(["a", "b", "c", "d"]);
    expect(engine.snapshot().state.conversations[id].unreadCount).toBe(4);
    expect(engine.totalUnread()).toBe(4);
    engine.stop();
  });

  it("fetches a message its pushes skipped as soon as a later one arrives", async () => {
    const { ben, id, engine } = await anaOnlineWithBen();
    // Seq 2 is stored without a push (as when a message is lost between nodes) …
    const db = serverDb(server);
    await db.conversation.update({ where: { id }, data: { lastSeq: 2 } });
    await db.message.create({ data: { conversationId: id, senderId: ben.id, clientId: "g1", seq: 2, kind: "text", text: "b" } });
    // … and seq 3 is pushed: the engine sees the gap and fills it without a reconnect.
    await ben.api.post(`/api/conversations/${id}/messages`, { clientId: "g2", text: "c" });
    await until(engine, () => texts(engine, id).length === 3);
    expect(texts(engine, id)).toEqual(["a", "b", "c"]);
    engine.stop();
  });

  it("keeps a send held for its video as sending, never failed, until its message:new arrives", async () => {
    const [ana, ben] = [await createUser(server.url), await createUser(server.url)];
    await befriend(serverDb(server), ana, ben);
    const start = await ana.api.post("/api/conversations", { kind: "direct", userId: ben.id, message: { clientId: "first", text: "hi" } });
    const id = start.body.conversation.id as string;
    await ben.api.post(`/api/conversations/${id}/accept`);
    const dir = fx.fixtureDir();
    const clip = await fsp.readFile(fx.testVideo(path.join(dir, "clip.mp4"), 8, { size: "640x360" }));
    await fsp.rm(dir, { recursive: true, force: true });
    const uploaded = await uploadFile(ana, id, clip, { name: "clip.mp4", type: "video/mp4", fields: { trimStartMs: 500, trimEndMs: 7500 } });
    expect(uploaded.status).toBe(202);
    const { engine } = engineFor(ana);
    await engine.catchUp();
    await engine.open(id);
    const seen: { processing: boolean; status: string }[] = [];
    const stop = engine.subscribe(() => {
      const item = engine.snapshot().outbox[0];
      if (item) seen.push({ processing: !!item.processing, status: item.status });
    });
    const clientId = engine.send(id, { text: "clip", mediaIds: [uploaded.body.media.id] });
    await until(engine, () => engine.snapshot().outbox.length === 0, 60_000);
    stop();
    expect(seen).toContainEqual({ processing: true, status: "sending" });
    expect(seen.some((s) => s.status === "failed")).toBe(false);
    const message = Object.values(engine.snapshot().state.messages[id]).find((m) => m.clientId === clientId);
    expect(message).toMatchObject({ text: "clip", media: [{ id: uploaded.body.media.id }] });
    engine.stop();
  }, 90_000);
});
