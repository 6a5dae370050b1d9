// Two nodes on one database and one S3 bucket (s3rver on loopback): a file uploaded
// through node A is served by node B, streamed with Range support or, with
// MEDIA_DELIVERY=redirect, through a short-lived presigned URL. Strangers get 404.
// On PostgreSQL the nodes run side by side. On SQLite a node cannot start while another
// process holds the file open (its start-up `migrate deploy` times out on the lock), so there each node
// runs in turn: the bytes still come from the bucket only, never from a disk they share.
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { createDb, type Db } from "@/db/client";
import { createUser, type TestUser } from "../helpers/api";
import { cid, startDirect } from "../helpers/chat";
import { createTestDatabase, testFlavor, type TestDatabase } from "../helpers/database";
import * as fx from "../helpers/media";
import { startS3, type TestS3 } from "../helpers/s3";
import { startRedis, type TestRedis } from "../helpers/redis";
import { startServer, type TestServer } from "../helpers/server";

const PRESIGN_SECONDS = 2;

let s3: TestS3;
let database: TestDatabase;
let db: Db;
let dir: string;
let running: TestServer[] = [];
let nodeA: TestServer;
let nodeB: TestServer;
let nodeBRedirect: TestServer;
let env: Record<string, string>;
let redis: TestRedis | null = null;
let alice: TestUser;
let bob: TestUser;
let stranger: TestUser;
let conversationId: string;
let photo: { id: string; url: string; thumbnailUrl: string };
let voice: { id: string; url: string };
let photoBytes: Buffer;

beforeAll(async () => {
  dir = fx.fixtureDir();
  s3 = await startS3();
  database = await createTestDatabase();
  // On PostgreSQL the nodes run side by side as in production: Redis between them too.
  redis = testFlavor() === "postgres" ? await startRedis() : null;
  env = {
    ...s3.env,
    MURMUR_CLASSIFIER: "fixture",
    MURMUR_UPLOAD_TMP: path.join(dir, "tmp"),
    ...(redis ? { REDIS_URL: redis.url, REDIS_STREAM: `s3-nodes-${Date.now()}` } : {}),
  };
  nodeA = await startNode("a");
  db = createDb(database.url);
  [alice, bob, stranger] = await Promise.all([1, 2, 3].map(() => createUser(nodeA.url)));
  conversationId = (await startDirect(alice, bob)).conversation.id; // media may follow a text...
  expect((await bob.api.post(`/api/conversations/${conversationId}/accept`)).status).toBe(200); // ...once accepted
});
afterAll(async () => {
  await db?.$disconnect();
  await Promise.all(running.map((node) => node.stop()));
  await database?.drop();
  await s3?.stop();
  await redis?.stop();
  await fsp.rm(dir, { recursive: true, force: true });
});

/** A node with its own (unused) media folder; on SQLite the node before it stops first. */
async function startNode(name: string, extra: Record<string, string> = {}): Promise<TestServer> {
  if (testFlavor() === "sqlite") {
    await Promise.all(running.map((node) => node.stop()));
    running = [];
    await db?.$disconnect(); // an open connection blocks the start-up migration too; queries reconnect
  }
  const node = await startServer({ database, env: { ...env, MURMUR_MEDIA_DIR: path.join(dir, `disk-${name}`), ...extra } });
  running.push(node);
  return node;
}

async function upload(node: TestServer, user: TestUser, file: Buffer, fields: Record<string, string> = {}) {
  const body = new FormData();
  body.append("conversationId", conversationId);
  for (const [k, v] of Object.entries(fields)) body.append(k, v);
  body.append("file", new Blob([new Uint8Array(file)]), "upload");
  const res = await fetch(`${node.url}/api/media`, { method: "POST", headers: { authorization: `Bearer ${user.token}` }, body });
  const json = (await res.json()) as any;
  expect(res.status, JSON.stringify(json)).toBe(201);
  return json.media;
}

const get = (node: TestServer, user: TestUser, url: string, headers: Record<string, string> = {}) =>
  fetch(node.url + url, { headers: { authorization: `Bearer ${user.token}`, ...headers }, redirect: "manual" });

const bucketKeys = () => s3.storage().listOlderThan(new Date(Date.now() + 60_000));

async function objectBytes(key: string): Promise<Buffer> {
  const stream = await s3.storage().read(key);
  expect(stream, key).not.toBeNull();
  return Buffer.from(await new Response(stream as any).arrayBuffer());
}

describe("media on S3 across two nodes", () => {
  it("uploads through node A into the bucket: the file and its derived files", async () => {
    photo = await upload(nodeA, alice, await fx.jpegWithGps(640, 480));
    const note = fs.readFileSync(fx.opusWebm(path.join(dir, "voice.webm"), 2));
    voice = await upload(nodeA, alice, note, { kind: "voice" });
    const keys = await bucketKeys();
    const row = await db.media.findUniqueOrThrow({ where: { id: photo.id } });
    expect(keys).toContain(row.storageKey);
    expect(keys).toContain(row.thumbnailKey);
    const voiceRow = await db.media.findUniqueOrThrow({ where: { id: voice.id } });
    expect(keys).toContain(voiceRow.storageKey); // the transcoded M4A, not the upload
    expect(voiceRow.storageKey).toMatch(/\.m4a$/);
    expect(fs.existsSync(path.join(dir, "disk-a"))).toBe(false); // nothing on local disk
    photoBytes = await objectBytes(row.storageKey);

    for (const body of [{ mediaIds: [photo.id] }, { voiceNoteId: voice.id }]) {
      const sent = await alice.api.post(`/api/conversations/${conversationId}/messages`, { clientId: cid(), ...body });
      expect([200, 201], JSON.stringify(sent.body)).toContain(sent.status);
    }
  });

  it("serves the whole file and a Range through node B", async () => {
    nodeB = await startNode("b");
    const whole = await get(nodeB, bob, photo.url);
    expect(whole.status).toBe(200);
    expect(whole.headers.get("content-type")).toBe("image/jpeg");
    expect(Buffer.from(await whole.arrayBuffer()).equals(photoBytes)).toBe(true);

    const part = await get(nodeB, bob, photo.url, { range: "bytes=100-299" });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 100-299/${photoBytes.length}`);
    expect(Buffer.from(await part.arrayBuffer()).equals(photoBytes.subarray(100, 300))).toBe(true);

    const tail = await get(nodeB, bob, photo.url, { range: "bytes=-10" });
    expect(tail.status).toBe(206);
    expect(Buffer.from(await tail.arrayBuffer()).equals(photoBytes.subarray(-10))).toBe(true);

    const thumb = await get(nodeB, bob, photo.thumbnailUrl);
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get("content-type")).toBe("image/webp");
    const audio = await get(nodeB, bob, voice.url);
    expect(audio.status).toBe(200);
    expect((await audio.arrayBuffer()).byteLength).toBeGreaterThan(0);
  });

  it("answers 404 to a stranger on node B", async () => {
    for (const url of [photo.url, photo.thumbnailUrl, voice.url]) expect((await get(nodeB, stranger, url)).status, url).toBe(404);
  });

  it("with MEDIA_DELIVERY=redirect: 404 to a stranger, never a URL", async () => {
    nodeBRedirect = await startNode("b-redirect", { MEDIA_DELIVERY: "redirect", S3_PRESIGN_SECONDS: String(PRESIGN_SECONDS) });
    for (const url of [photo.url, photo.thumbnailUrl, voice.url]) {
      const res = await get(nodeBRedirect, stranger, url);
      expect(res.status, url).toBe(404);
      expect(res.headers.get("location")).toBeNull();
    }
  });

  it("redirects a member to a presigned URL that serves the bytes and then expires", async () => {
    const res = await get(nodeBRedirect, bob, photo.url);
    expect(res.status).toBe(302);
    expect(res.headers.get("cache-control")).toBe("no-store");
    const location = new URL(res.headers.get("location")!);
    expect(location.origin).toBe(s3.endpoint);
    expect(location.searchParams.get("X-Amz-Expires")).toBe(String(PRESIGN_SECONDS));
    expect(location.searchParams.get("response-content-type")).toBe("image/jpeg");

    const signed = await fetch(location);
    expect(signed.status).toBe(200);
    expect(signed.headers.get("content-type")).toBe("image/jpeg");
    expect(signed.headers.get("content-disposition")).toMatch(/^inline/);
    expect(Buffer.from(await signed.arrayBuffer()).equals(photoBytes)).toBe(true);
    const ranged = await fetch(location, { headers: { range: "bytes=0-9" } });
    expect(ranged.status).toBe(206);
    expect(Buffer.from(await ranged.arrayBuffer()).equals(photoBytes.subarray(0, 10))).toBe(true);

    const download = await get(nodeBRedirect, bob, `${photo.url}?download`);
    const attachment = await fetch(download.headers.get("location")!);
    expect(attachment.headers.get("content-disposition")).toBe(`attachment; filename="murmur-${photo.id}.jpg"`);
    await attachment.arrayBuffer();

    // Asked again until the URL stops working: S3 refuses it once PRESIGN_SECONDS have
    // passed since its X-Amz-Date (whole seconds), and not before.
    const signedAt = Date.parse(location.searchParams.get("X-Amz-Date")!.replace(/^(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z$/, "$1-$2-$3T$4:$5:$6Z"));
    const expired = await vi.waitUntil(
      async () => {
        const res = await fetch(location);
        if (res.status !== 200) return res;
        await res.arrayBuffer();
        return false;
      },
      { timeout: (PRESIGN_SECONDS + 5) * 1000, interval: 200 },
    );
    expect(Date.now() - signedAt).toBeGreaterThanOrEqual(PRESIGN_SECONDS * 1000);
    expect(expired.status).toBe(403);
    expect(await expired.text()).toMatch(/expired/i);
  });
});
