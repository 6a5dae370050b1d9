// A member added to a group sees it from the message that added them: nothing from
// before (text, media, reactions, edits, unsends, quotes) reaches them on any path, and a
// member who left and came back does not see the gap either. From the newcomer's side.
import fsp from "node:fs/promises";
import path from "node:path";
import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { createUser, type TestUser } from "../helpers/api";
import { befriend, cid, closeDbs, send, serverDb, startGroup } from "../helpers/chat";
import { fixtureDir } from "../helpers/media";
import { COLOURS, colourJpeg, uploadFile } from "../helpers/safety";
import { startServer, type TestServer } from "../helpers/server";
import { connectSocket, drainEvents, emitWithAck, nextEvent } from "../helpers/socket";

let server: TestServer;
let db: Db;
let dir: string;
const sockets: Socket[] = [];

beforeAll(async () => {
  dir = fixtureDir();
  server = await startServer({ env: { MURMUR_CLASSIFIER: "fixture", MURMUR_MEDIA_DIR: path.join(dir, "media"), MURMUR_UPLOAD_TMP: path.join(dir, "tmp") } });
  db = serverDb(server);
});
afterAll(async () => {
  sockets.forEach((s) => s.close());
  await closeDbs();
  await server?.stop();
  await fsp.rm(dir, { recursive: true, force: true });
});

async function connect(user: TestUser) {
  const socket = await connectSocket(server.url, user.token);
  sockets.push(socket);
  await nextEvent(socket, "hello");
  return socket;
}

/** An adult with the nudity filter off: their visuals are never screened. */
async function adultFilterOff() {
  const user = await createUser(server.url, { age: 30 });
  expect((await user.api.patch("/api/me/safety", { nudityFilter: false })).status).toBe(200);
  return user;
}

/** Sends a photo (uploaded for real) and returns the message. */
async function sendPhoto(user: TestUser, conversationId: string) {
  const upload = await uploadFile(user, conversationId, await colourJpeg(COLOURS.blocked));
  expect(upload.status).toBe(201);
  const res = await send(user, conversationId, { mediaIds: [upload.body.media.id] });
  expect(res.status).toBe(201);
  return res.body.message;
}

async function sendText(user: TestUser, conversationId: string, text: string, extra: Record<string, unknown> = {}) {
  const res = await send(user, conversationId, { text, ...extra });
  expect(res.status).toBe(201);
  return res.body.message;
}

async function addMember(actor: TestUser, conversationId: string, user: TestUser) {
  const res = await actor.api.post(`/api/conversations/${conversationId}/members`, { userIds: [user.id] });
  expect(res.status).toBe(200);
  return res.body.message as { seq: number };
}

/** Three adults exchange a photo and a text; then a 17-year-old (ann's friend) is added. */
async function groupWithHistory() {
  const [ann, ben, cat] = [await adultFilterOff(), await adultFilterOff(), await adultFilterOff()];
  const teen = await createUser(server.url, { age: 17 });
  for (const other of [ben, cat, teen]) await befriend(db, ann, other);
  const { conversation } = await startGroup(ann, [ben, cat], "Adults", "hello");
  const oldPhoto = await sendPhoto(ann, conversation.id);
  const oldText = await sendText(ann, conversation.id, "before the teen came");
  const joined = await addMember(ann, conversation.id, teen);
  return { ann, ben, teen, conversationId: conversation.id as string, oldPhoto, oldText, joinSeq: joined.seq };
}

/** What GET /api/media answers for an id that does not exist: the answer a hidden file must give. */
async function strangersAnswer(user: TestUser, suffix = "") {
  const res = await fetch(`${server.url}/api/media/nosuchmediaid000000000000${suffix}`, { headers: { authorization: `Bearer ${user.token}` } });
  return { status: res.status, body: await res.json() };
}

async function getMedia(user: TestUser, url: string) {
  const res = await fetch(server.url + url, { headers: { authorization: `Bearer ${user.token}` } });
  return { status: res.status, body: res.headers.get("content-type")?.includes("json") ? await res.json() : null };
}

/** Waits until a later message reached the socket: every push sent before it has arrived too. */
async function flush(sender: TestUser, conversationId: string, socket: Socket) {
  const marker = await sendText(sender, conversationId, `marker ${cid()}`);
  await nextEvent(socket, "message:new", (p) => p.message.id === marker.id);
}

describe("a member added to a group", () => {
  it("gets a 404 for the photo and thumbnail sent before they joined, exactly as for a stranger's id", async () => {
    const { ben, teen, oldPhoto } = await groupWithHistory();
    const [media] = oldPhoto.media;
    expect((await getMedia(ben, media.url)).status).toBe(200); // the same file, for a member who was there
    expect(media.thumbnailUrl).toBeTruthy();
    expect((await getMedia(ben, media.thumbnailUrl)).status).toBe(200);

    expect(await getMedia(teen, media.url)).toEqual(await strangersAnswer(teen));
    expect(await getMedia(teen, media.thumbnailUrl)).toEqual(await strangersAnswer(teen, "/thumbnail"));
    expect((await getMedia(teen, `${media.url}?download=1`)).status).toBe(404);
  });

  it("sees no message from before the join on any history page, and a reply to one quotes nothing of it", async () => {
    const { ann, ben, teen, conversationId, oldText, joinSeq } = await groupWithHistory();
    const reply = await sendText(ann, conversationId, "about that", { replyToId: oldText.id });
    const pages = ["", "?after=0", `?before=${reply.seq + 1}`, `?after=0&before=${reply.seq + 1}`, "?limit=1&before=" + (joinSeq + 1)];
    for (const query of pages) {
      const res = await teen.api.get(`/api/conversations/${conversationId}/messages${query}`);
      expect(res.status).toBe(200);
      for (const m of res.body.messages) expect(m.seq).toBeGreaterThanOrEqual(joinSeq);
      expect(JSON.stringify(res.body)).not.toContain("before the teen came");
    }
    const page = (await teen.api.get(`/api/conversations/${conversationId}/messages?after=0`)).body.messages;
    expect(page.map((m: { seq: number }) => m.seq)).toEqual([joinSeq, reply.seq]);
    expect(page[1]).toMatchObject({ id: reply.id, text: "about that", replyToId: oldText.id, replyTo: { id: oldText.id, hidden: "before_join" } });
    expect(Object.keys(page[1].replyTo).sort()).toEqual(["hidden", "id"]);
    // A member who was there still sees the quote.
    const bens = (await ben.api.get(`/api/conversations/${conversationId}/messages?after=0`)).body.messages;
    expect(bens.find((m: { id: string }) => m.id === reply.id).replyTo).toMatchObject({ id: oldText.id, text: "before the teen came" });
  });

  it("gets no quote of a pre-join message in the reply's push, its edits, or the inbox preview", async () => {
    const { ann, ben, teen, conversationId, oldText } = await groupWithHistory();
    const [teenSocket, benSocket] = [await connect(teen), await connect(ben)];
    const { message: reply } = await emitWithAck(await connect(ann), "message:send", { conversationId, clientId: cid(), text: "re", replyToId: oldText.id });

    const pushed = (await nextEvent(teenSocket, "message:new", (p) => p.message.id === reply.id)).message;
    expect(pushed.replyTo).toEqual({ id: oldText.id, hidden: "before_join" });
    expect((await nextEvent(benSocket, "message:new", (p) => p.message.id === reply.id)).message.replyTo.text).toBe("before the teen came");

    const inbox = (await teen.api.get("/api/conversations")).body.conversations.find((c: { id: string }) => c.id === conversationId);
    expect(inbox.lastMessage).toMatchObject({ id: reply.id, replyTo: { id: oldText.id, hidden: "before_join" } });
    expect(JSON.stringify(inbox)).not.toContain("before the teen came");

    // Reacting to the reply (a message they can see) pushes it again: still without the quote.
    expect((await ben.api.request("PUT", `/api/messages/${reply.id}/reaction`, { emoji: "👍" })).status).toBe(200);
    const updated = (await nextEvent(teenSocket, "message:updated", (p) => p.message.id === reply.id)).message;
    expect(updated.replyTo).toEqual({ id: oldText.id, hidden: "before_join" });
    const own = await teen.api.request("PUT", `/api/messages/${reply.id}/reaction`, { emoji: "🎉" });
    expect(own.status).toBe(200);
    expect(own.body.message.replyTo).toEqual({ id: oldText.id, hidden: "before_join" });
  });

  it("is not pushed the edits, reactions and unsends of messages from before the join", async () => {
    const { ann, ben, teen, conversationId, oldText, oldPhoto } = await groupWithHistory();
    const [teenSocket, benSocket] = [await connect(teen), await connect(ben)];
    expect((await ann.api.patch(`/api/messages/${oldText.id}`, { text: "edited after the teen came" })).status).toBe(200);
    expect((await ben.api.request("PUT", `/api/messages/${oldPhoto.id}/reaction`, { emoji: "❤️" })).status).toBe(200);
    expect((await ann.api.delete(`/api/messages/${oldPhoto.id}`)).status).toBe(200);
    // Ben, who was there, hears of all three.
    await nextEvent(benSocket, "message:updated", (p) => p.message.id === oldText.id);
    await nextEvent(benSocket, "message:updated", (p) => p.message.id === oldPhoto.id && p.message.reactions.length === 1);
    await nextEvent(benSocket, "message:updated", (p) => p.message.id === oldPhoto.id && p.message.deletedAt);
    await flush(ann, conversationId, teenSocket);
    expect(drainEvents(teenSocket, "message:updated")).toEqual([]);
  });

  it("cannot reply to, react to, edit or unsend a pre-join message: 404 over HTTP and the socket", async () => {
    const { ann, teen, conversationId, oldText, oldPhoto } = await groupWithHistory();
    const teenSocket = await connect(teen);
    const reply = await send(teen, conversationId, { text: "re", replyToId: oldText.id });
    expect([reply.status, reply.body.error.code]).toEqual([404, "NOT_FOUND"]);
    const react = await teen.api.request("PUT", `/api/messages/${oldPhoto.id}/reaction`, { emoji: "👍" });
    expect([react.status, react.body.error.code]).toEqual([404, "NOT_FOUND"]);
    expect((await teen.api.patch(`/api/messages/${oldText.id}`, { text: "mine now" })).status).toBe(404);
    expect((await teen.api.delete(`/api/messages/${oldText.id}`)).status).toBe(404);
    for (const [event, payload] of [
      ["message:send", { conversationId, clientId: cid(), text: "re", replyToId: oldText.id }],
      ["message:react", { messageId: oldText.id, emoji: "👍" }],
      ["message:edit", { messageId: oldText.id, text: "mine now" }],
      ["message:unsend", { messageId: oldText.id }],
    ] as const) {
      expect((await emitWithAck(teenSocket, event, payload)).error?.code).toBe("NOT_FOUND");
    }
    // Nothing changed.
    const old = (await ann.api.get(`/api/conversations/${conversationId}/messages?after=0`)).body.messages.find((m: { id: string }) => m.id === oldText.id);
    expect(old).toMatchObject({ text: "before the teen came", reactions: [] });
    expect(old.deletedAt).toBeUndefined();
  });
});

describe("a member who left and was added again", () => {
  it("sees neither the time before they left nor the gap: history, media, quotes and pushes", async () => {
    const { ann, ben, teen, conversationId, oldPhoto } = await groupWithHistory();
    const before = await sendText(teen, conversationId, "the teen was here");
    expect((await teen.api.delete(`/api/conversations/${conversationId}/members/${teen.id}`)).status).toBe(200);
    const gapPhoto = await sendPhoto(ann, conversationId);
    const gapText = await sendText(ben, conversationId, "while the teen was away");
    const back = await addMember(ann, conversationId, teen);
    const teenSocket = await connect(teen);
    const reply = await sendText(ann, conversationId, "re the gap", { replyToId: gapText.id });

    const page = (await teen.api.get(`/api/conversations/${conversationId}/messages?after=0`)).body.messages;
    expect(page.map((m: { seq: number }) => m.seq)).toEqual([back.seq, reply.seq]);
    expect(page[1].replyTo).toEqual({ id: gapText.id, hidden: "before_join" });
    for (const photo of [oldPhoto, gapPhoto]) {
      expect(await getMedia(teen, photo.media[0].url)).toEqual(await strangersAnswer(teen));
      expect((await getMedia(ben, photo.media[0].url)).status).toBe(200);
    }
    // Their own message from before they left is hidden as well.
    expect((await teen.api.patch(`/api/messages/${before.id}`, { text: "changed" })).status).toBe(404);
    expect((await ben.api.request("PUT", `/api/messages/${gapText.id}/reaction`, { emoji: "👍" })).status).toBe(200);
    expect((await ben.api.request("PUT", `/api/messages/${before.id}/reaction`, { emoji: "👍" })).status).toBe(200);
    await flush(ann, conversationId, teenSocket);
    expect(drainEvents(teenSocket, "message:updated")).toEqual([]);
    expect((await teen.api.get("/api/conversations")).body.conversations.find((c: { id: string }) => c.id === conversationId).unreadCount).toBe(3);
  });
});
