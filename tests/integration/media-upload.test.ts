// POST /api/media and GET /api/media/:id(/thumbnail) through the built server.
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "@/db/client";
import { VISUALS } from "@/shared/limits";
import { createUser, type TestUser } from "../helpers/api";
import * as fx from "../helpers/media";
import { startServer, type TestServer } from "../helpers/server";

let server: TestServer;
let db: Db;
let dir: string;
let mediaDir: string;
let tmpDir: string;
let alice: TestUser;
let bob: TestUser;
let stranger: TestUser;
let conversationId: string;

beforeAll(async () => {
  dir = fx.fixtureDir();
  mediaDir = path.join(dir, "media");
  tmpDir = path.join(dir, "tmp");
  server = await startServer({ env: { MURMUR_MEDIA_DIR: mediaDir, MURMUR_UPLOAD_TMP: tmpDir } });
  db = createDb(server.database.url);
  [alice, bob, stranger] = await Promise.all([createUser(server.url), createUser(server.url), createUser(server.url)]);
  conversationId = (await db.conversation.create({ data: { kind: "direct", createdById: alice.id, members: { create: [{ userId: alice.id }, { userId: bob.id }] } } })).id;
});
afterAll(async () => {
  await db?.$disconnect();
  await server?.stop();
  await fsp.rm(dir, { recursive: true, force: true });
});

function form(file: Buffer | null, fields: Record<string, string> = {}, filename = "photo.jpg", type = "image/jpeg") {
  const body = new FormData();
  for (const [k, v] of Object.entries({ conversationId, ...fields })) body.append(k, v);
  if (file) body.append("file", new Blob([new Uint8Array(file)], { type }), filename);
  return body;
}

async function post(user: TestUser | null, body: FormData | ReadableStream, headers: Record<string, string> = {}) {
  const res = await fetch(`${server.url}/api/media`, {
    method: "POST",
    headers: { ...(user ? { authorization: `Bearer ${user.token}` } : {}), ...headers },
    body,
    ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
  } as RequestInit);
  return { status: res.status, body: (await res.json()) as any };
}

const get = (user: TestUser, url: string, headers: Record<string, string> = {}) => fetch(server.url + url, { headers: { authorization: `Bearer ${user.token}`, ...headers } });

const filesUnder = (root: string): string[] =>
  fs.existsSync(root)
    ? fs
        .readdirSync(root, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => e.name)
    : [];

/** A refused upload leaves nothing behind: no row, no stored object, no temporary file. */
async function expectNothingKept(attempt: () => Promise<{ status: number; body: any }>, status: number, code: string) {
  const rows = await db.media.count();
  const objects = filesUnder(mediaDir).length;
  const res = await attempt();
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body.error.code).toBe(code);
  expect(await db.media.count()).toBe(rows);
  expect(filesUnder(mediaDir).length).toBe(objects);
  expect(filesUnder(tmpDir)).toEqual([]);
}

describe("POST /api/media", () => {
  it("stores a photo without its GPS EXIF and serves it to its uploader", async () => {
    const res = await post(alice, form(await fx.jpegWithGps()));
    expect(res.status).toBe(201);
    const { media } = res.body;
    expect(media).toMatchObject({ kind: "image", mime: "image/jpeg", width: 640, height: 480, url: `/api/media/${media.id}`, thumbnailUrl: `/api/media/${media.id}/thumbnail` });
    const file = await get(alice, media.url);
    expect(file.status).toBe(200);
    expect(file.headers.get("content-type")).toBe("image/jpeg");
    expect(file.headers.get("x-content-type-options")).toBe("nosniff");
    expect(file.headers.get("cache-control")).toBe("private, no-cache");
    expect(file.headers.get("accept-ranges")).toBe("bytes");
    const etag = file.headers.get("etag");
    expect(etag).toBeTruthy();
    const bytes = Buffer.from(await file.arrayBuffer());
    const meta = await sharp(bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(bytes.toString("latin1")).not.toMatch(/MurmurCam|GPS/);
    expect((await get(alice, media.url, { "if-none-match": etag! })).status).toBe(304);
    const thumb = await get(alice, media.thumbnailUrl);
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get("content-type")).toBe("image/webp");
    expect(filesUnder(tmpDir)).toEqual([]);
  });

  it("refuses an HTML file named .jpg (415) and keeps nothing", async () => {
    const html = Buffer.from("<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>");
    await expectNothingKept(() => post(alice, form(html)), 415, "UNSUPPORTED_MEDIA");
  });

  it("refuses a 16000×16000 PNG bomb and keeps nothing", async () => {
    await expectNothingKept(async () => post(alice, form(await fx.bombPng(), {}, "bomb.png", "image/png")), 413, "MEDIA_TOO_LARGE");
  });

  it("refuses a file over its limit: 413, by Content-Length and while streaming", async () => {
    const big = Buffer.concat([await fx.jpegWithGps(), Buffer.alloc(VISUALS.imageMaxBytes)]);
    await expectNothingKept(() => post(alice, form(big)), 413, "MEDIA_TOO_LARGE");
    // No Content-Length (chunked): the limit is enforced on the bytes as they arrive.
    const multipart = new Response(form(big));
    const contentType = multipart.headers.get("content-type")!;
    await expectNothingKept(() => post(alice, multipart.body!, { "content-type": contentType }), 413, "MEDIA_TOO_LARGE");
  });

  it("answers 404 to a non-member, 403 AGE_RESTRICTED under 16, 401 without a session", async () => {
    const photo = await fx.jpegWithGps();
    await expectNothingKept(() => post(stranger, form(photo)), 404, "NOT_FOUND");
    const kid = await createUser(server.url, { age: 15 });
    await expectNothingKept(() => post(kid, form(photo)), 403, "AGE_RESTRICTED");
    await expectNothingKept(() => post(null, form(photo)), 401, "UNAUTHENTICATED");
  });

  it("answers 400 without a file or conversationId", async () => {
    await expectNothingKept(() => post(alice, form(null)), 400, "VALIDATION_FAILED");
    const noConversation = new FormData();
    noConversation.append("file", new Blob([new Uint8Array(await fx.jpegWithGps())]), "a.jpg");
    await expectNothingKept(() => post(alice, noConversation), 400, "VALIDATION_FAILED");
  });

  it("takes a voice note: duration and waveform; 61 s is refused", async () => {
    const ok = fx.opusWebm(path.join(dir, "ok.webm"), 4);
    const res = await post(alice, form(fs.readFileSync(ok), { kind: "voice" }, "voice.webm", "audio/webm"));
    expect(res.status).toBe(201);
    expect(res.body.media).toMatchObject({ kind: "voice", mime: "audio/mp4", thumbnailUrl: null });
    expect(res.body.media.waveform).toHaveLength(64);
    expect(Math.abs(res.body.media.durationMs - 4000)).toBeLessThan(100);
    const audio = await get(alice, res.body.media.url);
    expect(audio.headers.get("content-type")).toBe("audio/mp4");
    const long = fx.opusWebm(path.join(dir, "long.webm"), 61);
    fx.lieAboutWebmDuration(long, 30_000);
    await expectNothingKept(() => post(alice, form(fs.readFileSync(long), { kind: "voice" }, "voice.webm", "audio/webm")), 422, "VOICE_NOTE_TOO_LONG");
  });
});

describe("GET /api/media/:id", () => {
  let video: { id: string; url: string; thumbnailUrl: string };
  let size: number;
  beforeAll(async () => {
    const res = await post(alice, form(fs.readFileSync(fx.testVideo(path.join(dir, "v.mp4"), 3)), {}, "v.mp4", "video/mp4"));
    expect(res.status).toBe(201);
    video = res.body.media;
    const first = await get(alice, video.url, { range: "bytes=0-0" });
    size = Number(first.headers.get("content-range")?.split("/")[1]);
    expect(size).toBeGreaterThan(1000);
  });

  it("before it is sent, only the uploader sees it; strangers never", async () => {
    for (const url of [video.url, video.thumbnailUrl]) {
      expect((await get(bob, url)).status, url).toBe(404);
      expect((await get(stranger, url)).status, url).toBe(404);
      expect((await get(alice, url)).status, url).toBe(200);
    }
  });

  it("once sent, every member sees it and a stranger still gets 404", async () => {
    const message = await db.message.create({ data: { conversationId, senderId: alice.id, clientId: `c-${video.id}`, seq: 1000, kind: "visual" } });
    await db.media.update({ where: { id: video.id }, data: { messageId: message.id, position: 0 } });
    expect((await get(bob, video.url)).status).toBe(200);
    expect((await get(bob, video.thumbnailUrl)).status).toBe(200);
    const res = await get(stranger, video.url);
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe("NOT_FOUND");
    expect((await get(stranger, video.thumbnailUrl)).status).toBe(404);
    expect((await get(stranger, "/api/media/does-not-exist")).status).toBe(404);
  });

  it("answers Range requests with 206 and the right bytes, and 416 past the end", async () => {
    const whole = Buffer.from(await (await get(alice, video.url)).arrayBuffer());
    expect(whole.length).toBe(size);
    const part = await get(alice, video.url, { range: "bytes=100-199" });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe(`bytes 100-199/${size}`);
    expect(part.headers.get("content-type")).toBe("video/mp4");
    expect(Buffer.from(await part.arrayBuffer()).equals(whole.subarray(100, 200))).toBe(true);
    const open = await get(alice, video.url, { range: `bytes=${size - 10}-` });
    expect(open.status).toBe(206);
    expect(Buffer.from(await open.arrayBuffer()).equals(whole.subarray(size - 10))).toBe(true);
    const suffix = await get(alice, video.url, { range: "bytes=-5" });
    expect(Buffer.from(await suffix.arrayBuffer()).equals(whole.subarray(size - 5))).toBe(true);
    const beyond = await get(alice, video.url, { range: `bytes=${size}-` });
    expect(beyond.status).toBe(416);
    expect(beyond.headers.get("content-range")).toBe(`bytes */${size}`);
  });

  it("offers a download with a file name", async () => {
    const res = await get(alice, `${video.url}?download`);
    expect(res.headers.get("content-disposition")).toBe(`attachment; filename="murmur-${video.id}.mp4"`);
  });
});
