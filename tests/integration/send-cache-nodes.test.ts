// Each node caches what a send reads (the conversation, its members and their settings, a
// 1:1's blocks and follows). A stale entry would be an authorisation hole, so every change
// is made here on node B while the sends go through node A, whose cache read the old state
// a moment before: the send must follow the new state as if nothing had been cached.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Socket } from "socket.io-client";
import type { Db } from "@/db/client";
import { createUser, type TestUser } from "../helpers/api";
import { befriend, cid, closeDbs, send, serverDb, startDirect, startGroup } from "../helpers/chat";
import { COLOURS, colourJpeg, uploadFile } from "../helpers/safety";
import type { TestServer } from "../helpers/server";
import { connectSocket, drainEvents, emitWithAck, nextEvent, pushesArrived } from "../helpers/socket";
import { startTwoNodes, type TwoNodes } from "../helpers/two-nodes";

let nodes: TwoNodes;
let nodeA: TestServer;
let nodeB: TestServer;
let db: Db;
const sockets: Socket[] = [];

beforeAll(async () => {
  nodes = await startTwoNodes("send-cache", { MURMUR_CLASSIFIER: "fixture" });
  ({ nodeA, nodeB } = nodes);
  db = serverDb(nodeA);
  // The first send on node A goes over HTTP, so that node A's message writer is the one of
  // Next's bundle: a stale send over the socket then meets the writer's error from another
  // copy of the module, and must still be checked again (not answered INTERNAL).
  const [x, y] = [await createUser(nodeA.url), await createUser(nodeA.url)];
  await befriend(db, x, y);
  const { conversation } = await startDirect(x, y);
  expect((await send(x, conversation.id, { text: "over HTTP first" })).status).toBe(201);
}, 200_000);
afterAll(async () => {
  sockets.forEach((s) => s.close());
  await closeDbs();
  await nodes?.stop();
});

/** A person whose HTTP requests go to node B. */
const person = (age = 30) => createUser(nodeB.url, { age });

/** The person's socket on node A. */
async function onNodeA(user: TestUser) {
  const socket = await connectSocket(nodeA.url, user.token);
  sockets.push(socket);
  await nextEvent(socket, "hello");
  return socket;
}

const sendText = (socket: Socket, conversationId: string, text = "hello") => emitWithAck(socket, "message:send", { conversationId, clientId: cid(), text });

/** Two sends through node A: the first fills its cache, the second is served from it. */
async function warm(socket: Socket, conversationId: string) {
  for (let i = 0; i < 2; i++) expect(await sendText(socket, conversationId, `warm ${i}`)).toMatchObject({ ok: true });
}

describe("a node's send cache follows every change made on another node", () => {
  it("a member removed from a group can no longer send, and is not pushed the next message", async () => {
    const [ana, ben, cleo] = [await person(), await person(), await person()];
    await befriend(db, ana, ben);
    await befriend(db, ana, cleo);
    const { conversation } = await startGroup(ana, [ben, cleo]);
    const [benSocket, cleoSocket] = [await onNodeA(ben), await onNodeA(cleo)];
    await warm(benSocket, conversation.id);
    await warm(cleoSocket, conversation.id);

    expect((await ana.api.delete(`/api/conversations/${conversation.id}/members/${ben.id}`)).status).toBe(200);
    await pushesArrived(ben, benSocket);
    drainEvents(benSocket, "message:new");
    expect(await sendText(cleoSocket, conversation.id, "after Ben left")).toMatchObject({ ok: true });
    expect(await sendText(benSocket, conversation.id, "still here?")).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    await pushesArrived(ben, benSocket);
    expect(drainEvents(benSocket, "message:new").map((p) => p.message.text)).toEqual([]);
  });

  it("a member who left a group can no longer send", async () => {
    const [ana, ben, cleo] = [await person(), await person(), await person()];
    await befriend(db, ana, ben);
    await befriend(db, ana, cleo);
    const { conversation } = await startGroup(ana, [ben, cleo]);
    const benSocket = await onNodeA(ben);
    await warm(benSocket, conversation.id);
    expect((await ben.api.delete(`/api/conversations/${conversation.id}/members/${ben.id}`)).status).toBe(200);
    expect(await sendText(benSocket, conversation.id)).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
  });

  it("a member added on node B is pushed the next message sent through node A", async () => {
    const [ana, ben, cleo, dan] = [await person(), await person(), await person(), await person()];
    for (const other of [ben, cleo, dan]) await befriend(db, ana, other);
    const { conversation } = await startGroup(ana, [ben, cleo]);
    const [benSocket, danSocket] = [await onNodeA(ben), await onNodeA(dan)];
    await warm(benSocket, conversation.id);
    expect((await ana.api.post(`/api/conversations/${conversation.id}/members`, { userIds: [dan.id] })).status).toBe(200);
    const sent = await sendText(benSocket, conversation.id, "welcome Dan");
    expect(sent).toMatchObject({ ok: true });
    expect((await nextEvent(danSocket, "message:new", (p) => p.message.id === sent.message.id)).message.text).toBe("welcome Dan");
  });

  it("a block stops the next message in a 1:1, and lifting it lets the one after through", async () => {
    const [ana, ben] = [await person(), await person()];
    await befriend(db, ana, ben);
    const { conversation } = await startDirect(ana, ben);
    const anaSocket = await onNodeA(ana);
    await warm(anaSocket, conversation.id);
    expect((await ben.api.post(`/api/users/${ana.id}/block`)).status).toBe(200);
    expect(await sendText(anaSocket, conversation.id)).toMatchObject({ ok: false, error: { code: "BLOCKED" } });
    expect((await ben.api.delete(`/api/users/${ana.id}/block`)).status).toBe(200);
    expect(await sendText(anaSocket, conversation.id)).toMatchObject({ ok: true });
  });

  it("a recipient who closes their DMs while a request is open stops the sender's next message", async () => {
    const [ana, ben] = [await person(), await person()];
    const { conversation } = await startDirect(ana, ben); // not friends: a message request to Ben
    const anaSocket = await onNodeA(ana);
    await warm(anaSocket, conversation.id);
    expect((await ben.api.patch("/api/me/settings", { dmPolicy: "nobody" })).status).toBe(200);
    expect(await sendText(anaSocket, conversation.id)).toMatchObject({ ok: false, error: { code: "NOT_ALLOWED" } });
  });

  it("an unfollow stops the next message of a request that only friends may send", async () => {
    const [ana, ben] = [await person(), await person()];
    const { conversation } = await startDirect(ana, ben); // Ben does not follow Ana: a message request
    expect((await ben.api.post(`/api/users/${ana.id}/follow`)).status).toBe(200);
    expect((await ana.api.post(`/api/users/${ben.id}/follow`)).status).toBe(200);
    expect((await ben.api.patch("/api/me/settings", { dmPolicy: "friends" })).status).toBe(200);
    const benMember = { conversationId_userId: { conversationId: conversation.id, userId: ben.id } };
    expect((await db.conversationMember.findUniqueOrThrow({ where: benMember })).state).toBe("request");
    const anaSocket = await onNodeA(ana);
    await warm(anaSocket, conversation.id);
    expect((await ben.api.delete(`/api/users/${ana.id}/follow`)).status).toBe(200);
    expect(await sendText(anaSocket, conversation.id)).toMatchObject({ ok: false, error: { code: "NOT_ALLOWED" } });
  });

  it("accepting a request on node B lets the sender's photo through on node A", async () => {
    const [ana, ben] = [await person(), await person()];
    const { conversation } = await startDirect(ana, ben);
    const anaSocket = await onNodeA(ana);
    await warm(anaSocket, conversation.id);
    const photo = await uploadFile(ana, conversation.id, await colourJpeg(COLOURS.safe));
    expect(photo.status).toBe(201);
    expect(await emitWithAck(anaSocket, "message:send", { conversationId: conversation.id, clientId: cid(), mediaIds: [photo.body.media.id] })).toMatchObject({
      ok: false,
      error: { code: "MEDIA_FIRST_NOT_ALLOWED" },
    });
    expect((await ben.api.post(`/api/conversations/${conversation.id}/accept`)).status).toBe(200);
    expect(await emitWithAck(anaSocket, "message:send", { conversationId: conversation.id, clientId: cid(), mediaIds: [photo.body.media.id] })).toMatchObject({ ok: true });
  });

  it("a recipient who turns the nudity filter on is protected from the very next photo", async () => {
    const [ana, ben] = [await person(), await person()];
    for (const user of [ana, ben]) expect((await user.api.patch("/api/me/safety", { nudityFilter: false })).status).toBe(200);
    await befriend(db, ana, ben);
    const { conversation } = await startDirect(ana, ben);
    const anaSocket = await onNodeA(ana);
    await warm(anaSocket, conversation.id);
    const photo = await uploadFile(ana, conversation.id, await colourJpeg(COLOURS.blocked));
    expect(photo.status).toBe(201);
    expect((await ben.api.patch("/api/me/safety", { nudityFilter: true })).status).toBe(200);
    expect(await emitWithAck(anaSocket, "message:send", { conversationId: conversation.id, clientId: cid(), mediaIds: [photo.body.media.id] })).toMatchObject({
      ok: false,
      error: { code: "NUDITY_BLOCKED" },
    });
  });

  it("a conversation deleted on node B comes back with the next message sent through node A", async () => {
    const [ana, ben] = [await person(), await person()];
    await befriend(db, ana, ben);
    const { conversation } = await startDirect(ana, ben);
    const [anaSocket, benSocket] = [await onNodeA(ana), await onNodeA(ben)];
    await warm(anaSocket, conversation.id);
    expect((await ben.api.delete(`/api/conversations/${conversation.id}`)).status).toBe(200);
    const sent = await sendText(anaSocket, conversation.id, "are you there?");
    expect(sent).toMatchObject({ ok: true });
    const back = await nextEvent(benSocket, "conversation:new", (p) => p.conversation.id === conversation.id);
    expect(back.conversation).toMatchObject({ lastSeq: sent.message.seq, unreadCount: 1 });
    expect((await nextEvent(benSocket, "message:new", (p) => p.message.id === sent.message.id)).message.text).toBe("are you there?");
  });
});
