// POST /api/media from the attacker's side: a stranger's big upload, files over their
// limits with an honest or no Content-Length, a spent upload quota. Each is answered at
// once, before the body is read, over a real connection, and leaves nothing on disk.
// Then GET /api/media/:id: revalidated on every view, so an unsend takes effect at once.
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/db/client";
import { VISUALS, VOICE } from "@/shared/limits";
import { createUser, type TestUser } from "../helpers/api";
import * as fx from "../helpers/media";
import { rawUpload, type RawUploadOptions } from "../helpers/raw-upload";
import { startServer, type TestServer } from "../helpers/server";

const HOURLY_QUOTA = 3;
const MB = 1024 * 1024;

let server: TestServer;
let db: Db;
let dir: string;
let mediaDir: string;
let tmpDir: string;
let jpeg: Buffer;

beforeAll(async () => {
  dir = fx.fixtureDir();
  mediaDir = path.join(dir, "media");
  tmpDir = path.join(dir, "tmp");
  server = await startServer({ env: { MURMUR_MEDIA_DIR: mediaDir, MURMUR_UPLOAD_TMP: tmpDir, UPLOADS_PER_HOUR: String(HOURLY_QUOTA) } });
  db = createDb(server.database.url);
  jpeg = await fx.jpegWithGps();
});
afterAll(async () => {
  await db?.$disconnect();
  await server?.stop();
  await fsp.rm(dir, { recursive: true, force: true });
});

const filesUnder = (root: string): string[] =>
  fs.existsSync(root)
    ? fs
        .readdirSync(root, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => path.join(e.parentPath, e.name))
    : [];

/** Two members of a fresh 1:1 that already has a message (so visuals may follow). */
async function pair(): Promise<{ alice: TestUser; bob: TestUser; conversationId: string }> {
  const [alice, bob] = await Promise.all([createUser(server.url), createUser(server.url)]);
  const conversationId = (await db.conversation.create({ data: { kind: "direct", createdById: alice.id, members: { create: [{ userId: alice.id }, { userId: bob.id }] } } })).id;
  const hello = await alice.api.post(`/api/conversations/${conversationId}/messages`, { clientId: `hi-${conversationId}`, text: "hi" });
  expect(hello.status, JSON.stringify(hello.body)).toBe(201);
  return { alice, bob, conversationId };
}

/** Runs an upload while watching the temporary and media directories for any new file at all. */
async function watchedUpload(options: Omit<RawUploadOptions, "url">) {
  const before = new Set(filesUnder(mediaDir));
  const seen = new Set<string>();
  const look = () => [...filesUnder(tmpDir), ...filesUnder(mediaDir)].filter((f) => !before.has(f)).forEach((f) => seen.add(f));
  const timer = setInterval(look, 5);
  try {
    const answer = await rawUpload({ url: server.url, ...options });
    look();
    return { ...answer, filesSeen: [...seen], filesLeft: filesUnder(tmpDir) };
  } finally {
    clearInterval(timer);
  }
}

describe("a stranger's upload", () => {
  // 150 MB at about 25 MB/s: reading it all would take six seconds.
  const big = { fileBytes: 150 * MB, chunkBytes: 256 * 1024, paceMs: 10, contentType: "image/jpeg" } as const;

  it("is answered 404 at once, the body unread and nothing written, with the conversation in the query", async () => {
    const { conversationId } = await pair();
    const stranger = await createUser(server.url);
    const rows = await db.media.count();
    const res = await watchedUpload({ ...big, token: stranger.token, query: `?conversationId=${conversationId}`, head: jpeg });
    expect(res.status, JSON.stringify(res.body)).toBe(404);
    expect(res.body.error.code).toBe("NOT_FOUND");
    expect(res.ms).toBeLessThan(2000);
    expect(res.sentBytes).toBeLessThan(res.totalBytes / 4);
    expect(res.filesSeen).toEqual([]);
    expect(await db.media.count()).toBe(rows);
  });

  it("is answered 404 at once when the conversation is a field before the file", async () => {
    const { conversationId } = await pair();
    const stranger = await createUser(server.url);
    const res = await watchedUpload({ ...big, token: stranger.token, fields: { conversationId }, head: jpeg });
    expect(res.status, JSON.stringify(res.body)).toBe(404);
    expect(res.ms).toBeLessThan(2000);
    expect(res.sentBytes).toBeLessThan(res.totalBytes / 4);
    expect(res.filesSeen).toEqual([]);
  });

  it("without the conversation before the file is refused (400) before the file is stored", async () => {
    const stranger = await createUser(server.url);
    const res = await watchedUpload({ ...big, token: stranger.token, head: jpeg });
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error.code).toBe("VALIDATION_FAILED");
    expect(res.ms).toBeLessThan(2000);
    expect(res.filesSeen).toEqual([]);
  });
});

describe("a member who may not send there", () => {
  it("across a block in a 1:1: 403 BLOCKED before a byte of the file is stored", async () => {
    const { alice, bob, conversationId } = await pair();
    expect((await bob.api.post(`/api/users/${alice.id}/block`)).status).toBe(200);
    const res = await watchedUpload({ token: alice.token, query: `?conversationId=${conversationId}`, head: jpeg, fileBytes: 20 * MB, paceMs: 10, contentType: "image/jpeg" });
    expect(res.status, JSON.stringify(res.body)).toBe(403);
    expect(res.body.error.code).toBe("BLOCKED");
    expect(res.ms).toBeLessThan(2000);
    expect(res.filesSeen).toEqual([]);
  });
});

describe("a file over its limit", () => {
  it("an honest 30 MB photo: 413 as soon as its first bytes say it is a photo", async () => {
    const { alice, conversationId } = await pair();
    const res = await watchedUpload({ token: alice.token, query: `?conversationId=${conversationId}`, head: jpeg, fileBytes: 30 * MB, paceMs: 10, contentType: "image/jpeg" });
    expect(res.status, JSON.stringify(res.body)).toBe(413);
    expect(res.body.error).toMatchObject({ code: "MEDIA_TOO_LARGE", details: { maxBytes: VISUALS.imageMaxBytes } });
    expect(res.ms).toBeLessThan(2000);
    expect(res.sentBytes).toBeLessThan(res.totalBytes / 4);
    expect(res.headers.connection).toBe("close");
    expect(res.filesLeft).toEqual([]);
  });

  it("a 13 MB voice note: 413 before reading, by its Content-Length", async () => {
    const { alice, conversationId } = await pair();
    const voice = fs.readFileSync(fx.opusWebm(path.join(dir, "voice.webm"), 2));
    const res = await watchedUpload({ token: alice.token, query: `?conversationId=${conversationId}&kind=voice`, head: voice, fileBytes: 13 * MB, paceMs: 10, contentType: "audio/webm" });
    expect(res.status, JSON.stringify(res.body)).toBe(413);
    expect(res.body.error).toMatchObject({ code: "MEDIA_TOO_LARGE", details: { maxBytes: VOICE.maxBytes } });
    expect(res.ms).toBeLessThan(2000);
    expect(res.sentBytes).toBeLessThan(res.totalBytes / 4);
    expect(res.filesSeen).toEqual([]);
  });

  it("a stream with no Content-Length is cut off with 413 once it passes the limit, and its temporary file is gone", async () => {
    const { alice, conversationId } = await pair();
    const res = await watchedUpload({
      token: alice.token,
      query: `?conversationId=${conversationId}`,
      fields: { kind: "voice" },
      head: fs.readFileSync(path.join(dir, "voice.webm")),
      fileBytes: 40 * MB,
      honestLength: false,
      contentType: "audio/webm",
    });
    expect(res.status, JSON.stringify(res.body)).toBe(413);
    expect(res.body.error).toMatchObject({ code: "MEDIA_TOO_LARGE", details: { maxBytes: VOICE.maxBytes } });
    expect(res.filesSeen.length).toBeGreaterThan(0); // it was being received...
    expect(res.sentBytes).toBeLessThan(VOICE.maxBytes + 16 * MB); // ...and cut off near the limit
    expect(res.filesLeft).toEqual([]);
  });

  it("a photo streamed past 25 MB without a Content-Length: 413, nothing kept", async () => {
    const { alice, conversationId } = await pair();
    const rows = await db.media.count();
    const res = await watchedUpload({ token: alice.token, query: `?conversationId=${conversationId}`, head: jpeg, fileBytes: 60 * MB, honestLength: false, contentType: "image/jpeg" });
    expect(res.status, JSON.stringify(res.body)).toBe(413);
    expect(res.body.error.code).toBe("MEDIA_TOO_LARGE");
    expect(res.sentBytes).toBeLessThan(VISUALS.imageMaxBytes + 16 * MB);
    expect(res.filesLeft).toEqual([]);
    expect(await db.media.count()).toBe(rows);
  });
});

describe("the upload quota", () => {
  it(`refuses the upload after ${HOURLY_QUOTA} in an hour: 429 UPLOAD_QUOTA with Retry-After, nothing stored`, async () => {
    const { alice, conversationId } = await pair();
    for (let i = 0; i < HOURLY_QUOTA; i++) {
      const ok = await rawUpload({ url: server.url, token: alice.token, query: `?conversationId=${conversationId}`, head: jpeg, fileBytes: jpeg.length, contentType: "image/jpeg" });
      expect(ok.status, JSON.stringify(ok.body)).toBe(201);
    }
    const rows = await db.media.count();
    const objects = filesUnder(mediaDir).length;
    const res = await watchedUpload({ token: alice.token, query: `?conversationId=${conversationId}`, head: jpeg, fileBytes: 20 * MB, paceMs: 10, contentType: "image/jpeg" });
    expect(res.status, JSON.stringify(res.body)).toBe(429);
    expect(res.body.error.code).toBe("UPLOAD_QUOTA");
    expect(res.body.error.retryAfter).toBeGreaterThan(0);
    expect(res.body.error.retryAfter).toBeLessThanOrEqual(3600);
    expect(res.headers["retry-after"]).toBe(String(res.body.error.retryAfter));
    expect(res.ms).toBeLessThan(2000);
    expect(await db.media.count()).toBe(rows);
    expect(filesUnder(mediaDir).length).toBe(objects);
    expect(filesUnder(tmpDir)).toEqual([]);
    // The same refusal when the conversation comes as a field before the file.
    const asField = await watchedUpload({ token: alice.token, fields: { conversationId }, head: jpeg, fileBytes: jpeg.length, contentType: "image/jpeg" });
    expect(asField.status).toBe(429);
    expect(asField.filesSeen).toEqual([]);
  });
});

describe("GET /api/media/:id", () => {
  it("is private and revalidated on every view (ETag, 304), and an unsent photo is 404 on the next view", async () => {
    const { alice, bob, conversationId } = await pair();
    const up = await rawUpload({ url: server.url, token: alice.token, query: `?conversationId=${conversationId}`, head: jpeg, fileBytes: jpeg.length, contentType: "image/jpeg" });
    expect(up.status, JSON.stringify(up.body)).toBe(201);
    const { media } = up.body;
    const sent = await alice.api.post(`/api/conversations/${conversationId}/messages`, { clientId: `v-${media.id}`, mediaIds: [media.id] });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    const view = (url: string, headers: Record<string, string> = {}) => fetch(server.url + url, { headers: { authorization: `Bearer ${bob.token}`, ...headers } });

    const etags: Record<string, string> = {};
    for (const url of [media.url, media.thumbnailUrl]) {
      const first = await view(url);
      expect(first.status, url).toBe(200);
      expect(first.headers.get("cache-control"), url).toBe("private, no-cache");
      etags[url] = first.headers.get("etag")!;
      expect(etags[url]).toBeTruthy();
      const again = await view(url, { "if-none-match": etags[url] });
      expect(again.status, url).toBe(304);
      expect(again.headers.get("cache-control"), url).toBe("private, no-cache");
    }
    const range = await view(media.url, { range: "bytes=0-9" });
    expect(range.status).toBe(206);
    expect(Buffer.from(await range.arrayBuffer()).length).toBe(10);

    expect((await alice.api.delete(`/api/messages/${sent.body.message.id}`)).status).toBe(200);
    for (const url of [media.url, media.thumbnailUrl]) {
      expect((await view(url, { "if-none-match": etags[url] })).status, url).toBe(404);
    }
  });
});
