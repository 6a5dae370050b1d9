// Real uploads attached to messages through HTTP and Socket.IO: the send-time rules on
// media (never first, not in an unaccepted request, at most 9 visuals, yours and unused).
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/db/client";
import { VISUALS } from "@/shared/limits";
import { createUser, type TestUser } from "../helpers/api";
import * as fx from "../helpers/media";
import { startServer, type TestServer } from "../helpers/server";
import { connectSocket, emitWithAck, nextEvent } from "../helpers/socket";

let server: TestServer;
let db: Db;
let dir: string;
let alice: TestUser;
let bob: TestUser;
let carol: TestUser;
let stranger: TestUser;
let aliceSocket: Socket;
let bobSocket: Socket;
let photo: Buffer;
let voice: Buffer;
let n = 0;
const clientId = () => `media-send-${++n}`;

beforeAll(async () => {
  dir = fx.fixtureDir();
  server = await startServer({ env: { MURMUR_MEDIA_DIR: path.join(dir, "media"), MURMUR_UPLOAD_TMP: path.join(dir, "tmp") } });
  db = createDb(server.database.url);
  [alice, bob, carol, stranger] = await Promise.all([1, 2, 3, 4].map(() => createUser(server.url)));
  [aliceSocket, bobSocket] = await Promise.all([connectSocket(server.url, alice.token), connectSocket(server.url, bob.token)]);
  photo = await fx.jpegWithGps(320, 240);
  voice = fs.readFileSync(fx.opusWebm(path.join(dir, "voice.webm"), 3));
});
afterAll(async () => {
  aliceSocket?.close();
  bobSocket?.close();
  await db?.$disconnect();
  await server?.stop();
  await fsp.rm(dir, { recursive: true, force: true });
});

async function upload(user: TestUser, conversationId: string, file: Buffer, fields: Record<string, string> = {}) {
  const body = new FormData();
  body.append("conversationId", conversationId);
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  body.append("file", new Blob([new Uint8Array(file)]), "upload");
  const res = await fetch(`${server.url}/api/media`, { method: "POST", headers: { authorization: `Bearer ${user.token}` }, body });
  const json = (await res.json()) as any;
  if (res.status !== 201) throw new Error(`upload failed: ${res.status} ${JSON.stringify(json)}`);
  return json.media as { id: string; url: string; thumbnailUrl: string | null };
}

async function startByText(from: TestUser, to: TestUser) {
  const res = await from.api.post("/api/conversations", { kind: "direct", userId: to.id, message: { clientId: clientId(), text: "hi" } });
  expect([200, 201]).toContain(res.status);
  return res.body.conversation.id as string;
}

const unattached = (ids: string[]) => db.media.count({ where: { id: { in: ids }, messageId: null } });

describe("media at send time", () => {
  let withCarol: string;
  let withBob: string;

  beforeAll(async () => {
    withCarol = await startByText(alice, carol);
  });

  it("refuses photos or a voice note as a conversation's first message (HTTP and socket)", async () => {
    const visual = await upload(alice, withCarol, photo);
    const note = await upload(alice, withCarol, voice, { kind: "voice" });
    const byHttp = await alice.api.post("/api/conversations", { kind: "direct", userId: bob.id, message: { clientId: clientId(), mediaIds: [visual.id] } });
    expect(byHttp.status).toBe(422);
    expect(byHttp.body.error.code).toBe("MEDIA_FIRST_NOT_ALLOWED");
    const voiceFirst = await alice.api.post("/api/conversations", { kind: "direct", userId: bob.id, message: { clientId: clientId(), voiceNoteId: note.id } });
    expect(voiceFirst.body.error.code).toBe("MEDIA_FIRST_NOT_ALLOWED");
    const bySocket = await emitWithAck(aliceSocket, "conversation:start", { kind: "direct", userId: bob.id, message: { clientId: clientId(), mediaIds: [visual.id] } });
    expect(bySocket).toMatchObject({ ok: false, error: { code: "MEDIA_FIRST_NOT_ALLOWED" } });
    const voiceBySocket = await emitWithAck(aliceSocket, "conversation:start", { kind: "direct", userId: bob.id, message: { clientId: clientId(), voiceNoteId: note.id } });
    expect(voiceBySocket).toMatchObject({ ok: false, error: { code: "MEDIA_FIRST_NOT_ALLOWED" } });
    expect(await db.conversation.count({ where: { members: { some: { userId: bob.id } } } })).toBe(0);
    expect(await unattached([visual.id, note.id])).toBe(2);
  });

  it("refuses visuals in a message request until it is accepted", async () => {
    withBob = await startByText(alice, bob);
    const visual = await upload(alice, withBob, photo);
    const member = await db.conversationMember.findUniqueOrThrow({ where: { conversationId_userId: { conversationId: withBob, userId: bob.id } } });
    expect(member.state).toBe("request"); // strangers' first message is a request
    const res = await alice.api.post(`/api/conversations/${withBob}/messages`, { clientId: clientId(), mediaIds: [visual.id] });
    expect(res.body.error.code).toBe("MEDIA_FIRST_NOT_ALLOWED");
    const bySocket = await emitWithAck(aliceSocket, "message:send", { conversationId: withBob, clientId: clientId(), mediaIds: [visual.id] });
    expect(bySocket).toMatchObject({ ok: false, error: { code: "MEDIA_FIRST_NOT_ALLOWED" } });
    expect(await unattached([visual.id])).toBe(1);
    expect((await bob.api.post(`/api/conversations/${withBob}/accept`)).status).toBe(200);
  });

  it("refuses 10 visuals (HTTP and socket) and attaches none of them", async () => {
    const ids: string[] = [];
    for (let i = 0; i < VISUALS.maxPerMessage + 1; i++) ids.push((await upload(alice, withBob, photo)).id);
    const byHttp = await alice.api.post(`/api/conversations/${withBob}/messages`, { clientId: clientId(), mediaIds: ids });
    expect(byHttp.status).toBe(422);
    expect(byHttp.body.error.code).toBe("TOO_MANY_VISUALS");
    const bySocket = await emitWithAck(aliceSocket, "message:send", { conversationId: withBob, clientId: clientId(), mediaIds: ids });
    expect(bySocket).toMatchObject({ ok: false, error: { code: "TOO_MANY_VISUALS" } });
    expect(await unattached(ids)).toBe(ids.length);
  });

  it("delivers 9 visuals: the recipient sees and fetches them, a stranger does not, and they cannot be sent twice", async () => {
    const uploads = [];
    for (let i = 0; i < VISUALS.maxPerMessage; i++) uploads.push(await upload(alice, withBob, photo));
    const ids = uploads.map((u) => u.id);
    const ack = await emitWithAck(aliceSocket, "message:send", { conversationId: withBob, clientId: clientId(), mediaIds: ids });
    expect(ack.ok, JSON.stringify(ack)).toBe(true);
    expect(ack.message.kind).toBe("visual");
    const pushed = await nextEvent(bobSocket, "message:new", (p: any) => p.message.id === ack.message.id);
    expect(pushed.message.media.map((m: any) => m.id)).toEqual(ids);
    for (const m of pushed.message.media) {
      const file = await fetch(server.url + m.url, { headers: { authorization: `Bearer ${bob.token}` } });
      expect(file.status).toBe(200);
      expect(file.headers.get("content-type")).toBe("image/jpeg");
      await file.arrayBuffer();
    }
    const thumb = await fetch(server.url + pushed.message.media[0].thumbnailUrl, { headers: { authorization: `Bearer ${bob.token}` } });
    expect(thumb.status).toBe(200);
    const stranger404 = await fetch(server.url + pushed.message.media[0].url, { headers: { authorization: `Bearer ${stranger.token}` } });
    expect(stranger404.status).toBe(404);
    const again = await alice.api.post(`/api/conversations/${withBob}/messages`, { clientId: clientId(), mediaIds: [ids[0]] });
    expect(again.status).toBe(404);
  });

  it("refuses media that is not yours (404)", async () => {
    const bobs = await upload(bob, withBob, photo);
    const res = await alice.api.post(`/api/conversations/${withBob}/messages`, { clientId: clientId(), mediaIds: [bobs.id] });
    expect(res.status).toBe(404);
    expect(await unattached([bobs.id])).toBe(1);
  });

  it("sends a voice note on its own, with its waveform, and the recipient plays it", async () => {
    const note = await upload(alice, withBob, voice, { kind: "voice" });
    const res = await alice.api.post(`/api/conversations/${withBob}/messages`, { clientId: clientId(), voiceNoteId: note.id });
    expect(res.status).toBe(201);
    expect(res.body.message.kind).toBe("voice");
    expect(res.body.message.media[0]).toMatchObject({ id: note.id, kind: "voice", mime: "audio/mp4" });
    expect(res.body.message.media[0].waveform).toHaveLength(64);
    const audio = await fetch(server.url + note.url, { headers: { authorization: `Bearer ${bob.token}`, range: "bytes=0-99" } });
    expect(audio.status).toBe(206);
    expect((await audio.arrayBuffer()).byteLength).toBe(100);
  });
});
