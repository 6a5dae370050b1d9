// Videos that need a transcode, from the sender's and the recipient's side: the upload
// answers 202 at once, the video is transcoded and screened by a background job, and a
// message sent with it meanwhile is held (seen by nobody) until it is ready, then delivered
// as any message. First on a node that runs no jobs (MURMUR_MEDIA_JOBS=0), so that "not
// before" is certain; then on a node that runs them, restarted in the middle of one.
import fsp from "node:fs/promises";
import path from "node:path";
import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/db/client";
import { createUser, type TestUser } from "../helpers/api";
import { befriend, cid, startDirect, startGroup } from "../helpers/chat";
import { createTestDatabase, type TestDatabase } from "../helpers/database";
import * as fx from "../helpers/media";
import { COLOURS, uploadFile } from "../helpers/safety";
import { startServer, type TestServer } from "../helpers/server";
import { connectSocket, drainEvents, emitWithAck, nextEvent, pushesArrived } from "../helpers/socket";

let database: TestDatabase;
let server: TestServer;
let db: Db;
let dir: string;
let alice: TestUser;
let bob: TestUser;
let carol: TestUser;
let aliceSocket: Socket;
let bobSocket: Socket;
let withBob: string;
let withCarol: string;
let clip: Buffer;

const env = (jobs: number) => ({
  MURMUR_CLASSIFIER: "fixture",
  MURMUR_MEDIA_DIR: path.join(dir, "media"),
  MURMUR_UPLOAD_TMP: path.join(dir, "tmp"),
  MURMUR_MEDIA_JOBS: String(jobs),
  MURMUR_MEDIA_JOB_LEASE_MS: "1500",
  MURMUR_MEDIA_JOB_POLL_MS: "200",
});

/** Stops the running node and starts one with `jobs` workers on the same database, with new sockets. */
async function switchNode(jobs: number) {
  aliceSocket.close();
  bobSocket.close();
  await server.stop();
  server = await startServer({ database, port: server.port, env: env(jobs) });
  [aliceSocket, bobSocket] = await Promise.all([connectSocket(server.url, alice.token), connectSocket(server.url, bob.token)]);
}

// A trim that cuts the start: always a transcode, never a remux.
const trimmed = { trimStartMs: 500, trimEndMs: 3500 };
const asVideo = (fields: Record<string, number> = trimmed) => ({ name: "clip.mp4", type: "video/mp4", fields });

const history = async (user: TestUser, conversationId: string) => (await user.api.get(`/api/conversations/${conversationId}/messages`)).body.messages as any[];

beforeAll(async () => {
  dir = fx.fixtureDir();
  database = await createTestDatabase();
  server = await startServer({ database, env: env(0) });
  db = createDb(database.url);
  [alice, bob, carol] = await Promise.all([1, 2, 3].map(() => createUser(server.url)));
  withBob = (await startDirect(alice, bob)).conversation.id;
  expect((await bob.api.post(`/api/conversations/${withBob}/accept`)).status).toBe(200);
  withCarol = (await startDirect(carol, bob)).conversation.id;
  [aliceSocket, bobSocket] = await Promise.all([connectSocket(server.url, alice.token), connectSocket(server.url, bob.token)]);
  clip = await fsp.readFile(fx.testVideo(path.join(dir, "clip.mp4"), 4));
});
afterAll(async () => {
  if (process.env.MEDIA_JOBS_LOG) await fsp.writeFile(process.env.MEDIA_JOBS_LOG, server?.output() ?? "");
  aliceSocket?.close();
  bobSocket?.close();
  await db?.$disconnect();
  await server?.stop();
  await database?.drop();
  await fsp.rm(dir, { recursive: true, force: true });
});

describe("a video transcoded in the background, and the message held for it", () => {
  let ready: { id: string };
  let blocked: { id: string };
  const readyClientId = cid("held");
  const blockedClientId = cid("held-red");

  it("answers 202 with status processing, and serves the video to nobody, its uploader included", async () => {
    const res = await uploadFile(alice, withBob, clip, asVideo());
    expect(res.status).toBe(202);
    expect(res.body.media).toMatchObject({ kind: "video", mime: "video/mp4", status: "processing", durationMs: 3000 });
    ready = res.body.media;
    for (const user of [alice, bob]) expect((await user.api.get(`/api/media/${ready.id}`)).status).toBe(404);
    expect(await db.mediaJob.findUniqueOrThrow({ where: { mediaId: ready.id } })).toMatchObject({ state: "queued", attempts: 0 });
  });

  it("refuses at once what it can check cheaply: a bad trim, a file that is no video", async () => {
    const badTrim = await uploadFile(alice, withBob, clip, asVideo({ trimStartMs: 3000, trimEndMs: 2000 }));
    expect(badTrim.status).toBe(400);
    expect(badTrim.body.error.code).toBe("VALIDATION_FAILED");
    const notVideo = await uploadFile(alice, withBob, Buffer.from("not a video at all, just text"), asVideo());
    expect(notVideo.status).toBe(415);
    expect(await db.mediaJob.count()).toBe(1);
  });

  it("lets only its uploader attach it: someone else's processing id is 404, in any conversation", async () => {
    const byBob = await bob.api.post(`/api/conversations/${withBob}/messages`, { clientId: cid(), mediaIds: [ready.id] });
    expect(byBob.status).toBe(404);
    const bySocket = await emitWithAck(bobSocket, "message:send", { conversationId: withCarol, clientId: cid(), mediaIds: [ready.id] });
    expect(bySocket).toMatchObject({ ok: false, error: { code: "NOT_FOUND" } });
    expect(await db.heldSend.count()).toBe(0);
  });

  it("holds the send: the ack says so, a retry is the same ack, and the recipient sees nothing yet", async () => {
    const body = { conversationId: withBob, clientId: readyClientId, text: "look", mediaIds: [ready.id] };
    const ack = await emitWithAck(aliceSocket, "message:send", body);
    expect(ack).toEqual({ ok: true, message: null, held: { clientId: readyClientId, mediaIds: [ready.id] } });
    expect(await emitWithAck(aliceSocket, "message:send", body)).toEqual(ack);
    const reused = await emitWithAck(aliceSocket, "message:send", { ...body, text: "another text" });
    expect(reused).toMatchObject({ ok: false, error: { code: "CLIENT_ID_REUSED" } });
    // The same video cannot wait for two messages.
    const twice = await alice.api.post(`/api/conversations/${withBob}/messages`, { clientId: cid(), mediaIds: [ready.id] });
    expect(twice.status).toBe(404);

    await pushesArrived(bob, bobSocket);
    expect(drainEvents(bobSocket, "message:new")).toEqual([]);
    expect((await history(bob, withBob)).map((m) => m.clientId)).not.toContain(readyClientId);
    const inbox = (await bob.api.get("/api/conversations")).body.conversations as any[];
    expect(inbox.find((c) => c.id === withBob)?.lastMessage?.clientId).not.toBe(readyClientId);
  });

  it("holds a send over HTTP too (202), for a video the screening will refuse", async () => {
    const red = await fsp.readFile(fx.colourVideo(path.join(dir, "red.mp4"), [[COLOURS.blocked, 4]]));
    const res = await uploadFile(alice, withBob, red, asVideo());
    expect(res.status).toBe(202);
    blocked = res.body.media;
    const sent = await alice.api.post(`/api/conversations/${withBob}/messages`, { clientId: blockedClientId, mediaIds: [blocked.id] });
    expect(sent.status).toBe(202);
    expect(sent.body).toEqual({ message: null, held: { clientId: blockedClientId, mediaIds: [blocked.id] } });
  });

  let removedClientId: string;
  let group: string;
  it("holds a send in a group whose owner then removes the sender", async () => {
    await befriend(db, carol, alice);
    await befriend(db, carol, bob);
    group = (await startGroup(carol, [alice, bob])).conversation.id;
    const res = await uploadFile(alice, group, clip, asVideo());
    expect(res.status).toBe(202);
    removedClientId = cid("removed");
    const sent = await alice.api.post(`/api/conversations/${group}/messages`, { clientId: removedClientId, mediaIds: [res.body.media.id] });
    expect(sent.status).toBe(202);
    expect((await carol.api.delete(`/api/conversations/${group}/members/${alice.id}`)).status).toBe(200);
  });

  it("on a node that runs jobs: the held message appears once its video is ready; the refused one never", async () => {
    await switchNode(1);
    // The pushes may have gone out before the sockets reconnected: catch-up (history) shows it.
    let delivered: any;
    for (let i = 0; i < 300 && !delivered; i++) {
      delivered = (await history(bob, withBob)).find((m) => m.clientId === readyClientId);
      if (!delivered) await new Promise((r) => setTimeout(r, 100));
    }
    expect(delivered).toMatchObject({ senderId: alice.id, kind: "visual", text: "look", media: [{ id: ready.id, mime: "video/mp4" }] });
    expect((await bob.api.get(`/api/media/${ready.id}`)).status).toBe(200);
    const stored = await db.media.findUniqueOrThrow({ where: { id: ready.id } });
    expect(stored).toMatchObject({ status: "ready", messageId: delivered.id });
    expect(Math.abs(stored.durationMs! - 3000)).toBeLessThan(200);
    expect(await db.heldSend.count({ where: { clientId: readyClientId } })).toBe(0);
    // A retry after the release answers with the message (the outbox dedupes by clientId).
    const retry = await emitWithAck(aliceSocket, "message:send", { conversationId: withBob, clientId: readyClientId, text: "look", mediaIds: [ready.id] });
    expect(retry).toMatchObject({ ok: true, message: { id: delivered.id } });

    for (let i = 0; i < 300 && (await db.heldSend.count({ where: { clientId: blockedClientId } })); i++) await new Promise((r) => setTimeout(r, 100));
    expect(await db.media.findUniqueOrThrow({ where: { id: blocked.id } })).toMatchObject({ status: "failed", failureCode: "NUDITY_BLOCKED" });
    expect((await history(bob, withBob)).map((m) => m.clientId)).not.toContain(blockedClientId);
    expect((await alice.api.get(`/api/media/${blocked.id}`)).status).toBe(404);
    // A client that missed message:failed while offline resends: the same code, at once.
    const again = await alice.api.post(`/api/conversations/${withBob}/messages`, { clientId: blockedClientId, mediaIds: [blocked.id] });
    expect(again.body.error.code).toBe("NUDITY_BLOCKED");

    // Removed before the release: refused as her send would be then, and nobody sees it.
    for (let i = 0; i < 300 && (await db.heldSend.count({ where: { clientId: removedClientId } })); i++) await new Promise((r) => setTimeout(r, 100));
    expect(await db.heldSend.count({ where: { clientId: removedClientId } })).toBe(0);
    expect((await history(carol, group)).map((m) => m.clientId)).not.toContain(removedClientId);
    expect(await db.message.count({ where: { clientId: removedClientId } })).toBe(0);
  });

  it("pushes progress and ready to the uploader only, then message:new to both", async () => {
    const medium = await fsp.readFile(fx.testVideo(path.join(dir, "medium.mp4"), 12, { size: "640x360" }));
    const res = await uploadFile(alice, withBob, medium, asVideo({ trimStartMs: 1000, trimEndMs: 11_000 }));
    expect(res.status).toBe(202);
    const media = res.body.media;
    const clientId = cid("pushed");
    expect(await emitWithAck(aliceSocket, "message:send", { conversationId: withBob, clientId, mediaIds: [media.id] })).toMatchObject({ ok: true, message: null });
    const readyEvent = await nextEvent(aliceSocket, "media:ready", (e) => e.media.id === media.id, 60_000);
    expect(readyEvent.media).toMatchObject({ id: media.id, mime: "video/mp4", thumbnailUrl: expect.any(String) });
    expect(readyEvent.media.status).toBeUndefined();
    const progress = drainEvents<{ mediaId: string; progress: number }>(aliceSocket, "media:progress").filter((p) => p.mediaId === media.id);
    expect(progress.length).toBeGreaterThan(0);
    for (const p of progress) expect(p.progress).toBeGreaterThanOrEqual(0);
    for (const p of progress) expect(p.progress).toBeLessThan(1);

    const delivered = await nextEvent(bobSocket, "message:new", (e) => e.message.clientId === clientId, 15_000);
    expect(delivered.message).toMatchObject({ senderId: alice.id, kind: "visual", media: [{ id: media.id }] });
    const own = await nextEvent(aliceSocket, "message:new", (e) => e.message.clientId === clientId, 5_000);
    expect(own.message.id).toBe(delivered.message.id);
    await pushesArrived(bob, bobSocket);
    expect(drainEvents(bobSocket, "media:progress")).toEqual([]);
    expect(drainEvents(bobSocket, "media:ready")).toEqual([]);
  });

  it("tells the sender when the video of a held send is refused: media:failed, then message:failed with its code", async () => {
    // Red only at the end: the job runs a while before the screening refuses it.
    const red = await fsp.readFile(
      fx.colourVideo(path.join(dir, "red-late.mp4"), [
        [COLOURS.safe, 10],
        [COLOURS.blocked, 2],
      ]),
    );
    const res = await uploadFile(alice, withBob, red, asVideo({ trimStartMs: 500, trimEndMs: 12_000 }));
    expect(res.status).toBe(202);
    const clientId = cid("refused");
    expect(await emitWithAck(aliceSocket, "message:send", { conversationId: withBob, clientId, mediaIds: [res.body.media.id] })).toMatchObject({ ok: true, message: null });
    const failed = await nextEvent(aliceSocket, "media:failed", (e) => e.mediaId === res.body.media.id, 60_000);
    expect(failed.error.code).toBe("NUDITY_BLOCKED");
    const held = await nextEvent(aliceSocket, "message:failed", (e) => e.clientId === clientId, 10_000);
    expect(held).toMatchObject({ conversationId: withBob, error: { code: "NUDITY_BLOCKED" } });
    await pushesArrived(bob, bobSocket);
    expect(drainEvents(bobSocket, "message:new").filter((e) => e.message.clientId === clientId)).toEqual([]);
    expect(drainEvents(bobSocket, "message:failed")).toEqual([]);
  });

  it("resumes a job whose node was killed in the middle of it, and delivers the held message", async () => {
    const long = await fsp.readFile(fx.testVideo(path.join(dir, "long.mp4"), 20, { size: "640x360" }));
    const res = await uploadFile(alice, withBob, long, asVideo({ trimStartMs: 1000, trimEndMs: 19_000 }));
    expect(res.status).toBe(202);
    const media = res.body.media;
    const clientId = cid("resumed");
    expect(await emitWithAck(aliceSocket, "message:send", { conversationId: withBob, clientId, mediaIds: [media.id] })).toMatchObject({ ok: true, held: { clientId } });
    for (let i = 0; i < 1000; i++) {
      const job = await db.mediaJob.findUniqueOrThrow({ where: { mediaId: media.id } });
      if (job.state === "running") break;
      expect(job.state).toBe("queued");
      await new Promise((r) => setTimeout(r, 10));
    }
    await server.restart(); // SIGKILL: the lease is left to expire
    let delivered: any;
    for (let i = 0; i < 400 && !delivered; i++) {
      delivered = (await history(bob, withBob)).find((m) => m.clientId === clientId);
      if (!delivered) await new Promise((r) => setTimeout(r, 100));
    }
    expect(delivered.media[0].id).toBe(media.id);
    const job = await db.mediaJob.findUniqueOrThrow({ where: { mediaId: media.id } });
    expect(job).toMatchObject({ state: "done", attempts: 2 });
    expect((await bob.api.get(`/api/media/${media.id}`)).status).toBe(200);
  }, 120_000);
});
