import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { birthDateForAge } from "@/db/seed/demo";
import { VISUALS, VOICE } from "@/shared/limits";
import { createMigratedDb } from "../../../tests/helpers/database";
import * as fx from "../../../tests/helpers/media";
import { registerClassifier } from "@/domain/safety/classifier";
import { fixtureClassifier } from "@/domain/safety/fixture-classifier";
import { LocalDiskStorage } from "./storage/local";
import { uploadMedia, type UploadRequest } from "./upload";

let db: Db;
let close: () => Promise<void>;
let storage: LocalDiskStorage;
let dir: string;
let alice: string;
let bob: string;
let kid: string;
let conversationId: string;

beforeAll(async () => {
  ({ db, close } = await createMigratedDb());
  // Visuals here are screened (the members keep the nudity filter on): by the test-only colour classifier.
  registerClassifier(fixtureClassifier);
  dir = fx.fixtureDir();
  storage = new LocalDiskStorage(path.join(dir, "store"));
  const user = (username: string, age: number) => db.user.create({ data: { username, displayName: username, passwordHash: "!", birthDate: birthDateForAge(age) } });
  alice = (await user("alice", 25)).id;
  bob = (await user("bob", 30)).id;
  kid = (await user("kid", 15)).id;
  conversationId = (await db.conversation.create({ data: { kind: "direct", createdById: alice, members: { create: [{ userId: alice }, { userId: bob }, { userId: kid }] } } })).id;
});
afterAll(async () => {
  registerClassifier(undefined);
  await close();
  await fsp.rm(dir, { recursive: true, force: true });
});

/** Uploads `content` (a Buffer or a file path) the way the route does: a work dir with the raw file. */
async function upload(content: Buffer | string, fields: Partial<UploadRequest["fields"]> = {}, ownerId = alice) {
  const workDir = await fsp.mkdtemp(path.join(dir, "work-"));
  const file = path.join(workDir, "upload");
  if (typeof content === "string") await fsp.copyFile(content, file);
  else await fsp.writeFile(file, content);
  try {
    return await uploadMedia(db, storage, { ownerId, fields: { conversationId, ...fields }, file, workDir });
  } finally {
    await fsp.rm(workDir, { recursive: true, force: true });
  }
}

async function storedFileOf(id: string) {
  const row = await db.media.findUniqueOrThrow({ where: { id } });
  const stream = await storage.read(row.storageKey);
  const chunks: Buffer[] = [];
  for await (const c of stream!) chunks.push(c as Buffer);
  return { row, bytes: Buffer.concat(chunks) };
}

async function expectRefused(attempt: () => Promise<unknown>, code: string) {
  const mediaBefore = await db.media.count();
  const objectsBefore = (await storage.listOlderThan(new Date(Date.now() + 60_000))).length;
  await expect(attempt()).rejects.toMatchObject({ code });
  expect(await db.media.count()).toBe(mediaBefore);
  expect((await storage.listOlderThan(new Date(Date.now() + 60_000))).length).toBe(objectsBefore);
}

describe("photos", () => {
  it("re-encodes a JPEG without its EXIF and GPS, with a thumbnail and a placeholder", async () => {
    const original = await fx.jpegWithGps();
    expect((await sharp(original).metadata()).exif?.toString("latin1")).toContain("MurmurCam"); // the fixture really has it
    const media = await upload(original);
    expect(media).toMatchObject({ kind: "image", mime: "image/jpeg", width: 640, height: 480, url: `/api/media/${media.id}`, thumbnailUrl: `/api/media/${media.id}/thumbnail` });
    expect(media.placeholder).toMatch(/^data:image\/webp;base64,/);
    const { row, bytes } = await storedFileOf(media.id);
    const meta = await sharp(bytes).metadata();
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    expect(bytes.toString("latin1")).not.toMatch(/MurmurCam|Spy 3000|secret-owner|GPS/);
    expect(row).toMatchObject({ ownerId: alice, conversationId, messageId: null, bytes: bytes.length });
    const thumb = await storage.read(row.thumbnailKey!);
    expect(thumb).not.toBeNull();
    thumb!.destroy();
  });

  it("applies the EXIF orientation to the pixels", async () => {
    const rotated = await sharp({ create: { width: 400, height: 200, channels: 3, background: "white" } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const media = await upload(rotated);
    expect([media.width, media.height]).toEqual([200, 400]);
  });

  it("caps the long edge and keeps transparency as WebP", async () => {
    const media = await upload(await fx.pngImage(3000, 1000));
    expect(media).toMatchObject({ mime: "image/webp", width: VISUALS.maxImageEdge, height: Math.round(VISUALS.maxImageEdge / 3) });
  });

  it("refuses a decompression bomb (16000×16000 PNG) from its header, before decoding", async () => {
    const bomb = await fx.bombPng();
    expect(bomb.length).toBeLessThan(1024 * 1024);
    await expectRefused(() => upload(bomb), "MEDIA_TOO_LARGE");
  });

  it("refuses an HTML file named .jpg, and bytes that only start like a JPEG", async () => {
    await expectRefused(() => upload(Buffer.from("<!doctype html><html><script>alert(1)</script></html>")), "UNSUPPORTED_MEDIA");
    const truncated = (await fx.jpegWithGps()).subarray(0, 300);
    await expectRefused(() => upload(truncated), "UNSUPPORTED_MEDIA");
  });

  it("refuses an image over the byte limit", async () => {
    const big = Buffer.concat([await fx.jpegWithGps(), Buffer.alloc(VISUALS.imageMaxBytes)]);
    await expectRefused(() => upload(big), "MEDIA_TOO_LARGE");
  });

  it("refuses strangers (404) and under-16s", async () => {
    const stranger = (await db.user.create({ data: { username: "stranger", displayName: "s", passwordHash: "!", birthDate: birthDateForAge(40) } })).id;
    await expectRefused(async () => upload(await fx.jpegWithGps(), {}, stranger), "NOT_FOUND");
    await expectRefused(async () => upload(await fx.jpegWithGps(), {}, kid), "AGE_RESTRICTED");
  });
});

describe("voice notes", () => {
  it("accepts 59 s, measured from the samples, with 64 waveform peaks", async () => {
    const media = await upload(fx.opusWebm(path.join(dir, "59.webm"), 59), { kind: "voice" });
    expect(media).toMatchObject({ kind: "voice", mime: "audio/mp4", thumbnailUrl: null });
    expect(media.durationMs).toBeGreaterThanOrEqual(58_900);
    expect(media.durationMs).toBeLessThanOrEqual(59_100);
    expect(media.waveform).toHaveLength(VOICE.waveformBars);
    expect(Math.max(...media.waveform!)).toBe(1);
    expect(media.waveform!.every((p) => p >= 0 && p <= 1)).toBe(true);
    const { bytes } = await storedFileOf(media.id);
    const stored = path.join(dir, "stored.m4a");
    fs.writeFileSync(stored, bytes);
    const probe = fx.probeJson(stored);
    expect(probe.streams.map((s) => `${s.codec_type}:${s.codec_name}`)).toEqual(["audio:aac"]);
  });

  it("refuses 61 s", async () => {
    await expectRefused(() => upload(fx.opusWebm(path.join(dir, "61.webm"), 61), { kind: "voice" }), "VOICE_NOTE_TOO_LONG");
  });

  it("refuses a 61 s WebM whose header claims 30 s", async () => {
    const liar = fx.opusWebm(path.join(dir, "liar.webm"), 61);
    fx.lieAboutWebmDuration(liar, 30_000);
    expect(fx.headerDurationSeconds(liar)).toBeCloseTo(30, 0); // a header-reading tool believes the lie
    await expectRefused(() => upload(liar, { kind: "voice" }), "VOICE_NOTE_TOO_LONG");
  });

  it("measures a streamed WebM that has no duration in its header", async () => {
    const streamed = fx.streamedOpusWebm(path.join(dir, "streamed.webm"), 7);
    expect(fx.headerDurationSeconds(streamed)).toBeNull();
    const media = await upload(streamed, { kind: "voice" });
    expect(Math.abs(media.durationMs! - 7000)).toBeLessThan(100);
  });

  it("accepts AAC in M4A and Opus in Ogg", async () => {
    for (const [name, args] of [
      ["a.m4a", ["-c:a", "aac", "-f", "mp4"]],
      ["a.ogg", ["-c:a", "libopus", "-f", "ogg"]],
    ] as const) {
      const media = await upload(fx.tone(path.join(dir, name), 3, [...args]), { kind: "voice" });
      expect(Math.abs(media.durationMs! - 3000), name).toBeLessThan(100);
    }
  });

  it("refuses a file with a video stream, and a photo sent as a voice note", async () => {
    await expectRefused(() => upload(fx.testVideo(path.join(dir, "with-video.mp4"), 2), { kind: "voice" }), "UNSUPPORTED_MEDIA");
    await expectRefused(async () => upload(await fx.jpegWithGps(), { kind: "voice" }), "UNSUPPORTED_MEDIA");
  });
});

describe("videos", () => {
  it("remuxes a playable MP4, strips its metadata and makes a poster", async () => {
    const media = await upload(fx.testVideo(path.join(dir, "v.mp4"), 3));
    expect(media).toMatchObject({ kind: "video", mime: "video/mp4", width: 320, height: 240 });
    expect(Math.abs(media.durationMs! - 3000)).toBeLessThan(150);
    expect(media.placeholder).toMatch(/^data:image\/webp/);
    const { bytes, row } = await storedFileOf(media.id);
    const stored = path.join(dir, "stored.mp4");
    fs.writeFileSync(stored, bytes);
    const probe = fx.probeJson(stored);
    expect(JSON.stringify(probe.format.tags ?? {})).not.toMatch(/48\.8577|secret title/);
    expect(probe.streams.map((s) => s.codec_name).sort()).toEqual(["aac", "h264"]);
    const poster = await storage.read(row.thumbnailKey!);
    const chunks: Buffer[] = [];
    for await (const c of poster!) chunks.push(c as Buffer);
    expect((await sharp(Buffer.concat(chunks)).metadata()).format).toBe("webp");
  });

  it("applies trim and mute: the stored file is the edited one", async () => {
    const media = await upload(fx.testVideo(path.join(dir, "long.mp4"), 6), { trimStartMs: 1000, trimEndMs: 3500, muted: true });
    expect(Math.abs(media.durationMs! - 2500)).toBeLessThan(150);
    const { bytes } = await storedFileOf(media.id);
    const stored = path.join(dir, "edited.mp4");
    fs.writeFileSync(stored, bytes);
    expect(fx.probeJson(stored).streams.map((s) => s.codec_type)).toEqual(["video"]);
  });

  it("keeps VP8 WebM (as MediaRecorder makes it) as WebM", async () => {
    const webm = fx.testVideo(path.join(dir, "rec.webm"), 2, { args: ["-c:v", "libvpx", "-deadline", "realtime", "-c:a", "libopus", "-f", "webm"] });
    const media = await upload(webm);
    expect(media.mime).toBe("video/webm");
  });

  it("refuses bad trims and a file that is not a video", async () => {
    const video = fx.testVideo(path.join(dir, "t.mp4"), 2);
    await expectRefused(() => upload(video, { trimStartMs: 1500, trimEndMs: 1000 }), "VALIDATION_FAILED");
    await expectRefused(() => upload(video, { trimStartMs: 5000 }), "VALIDATION_FAILED");
    await expectRefused(() => upload(fx.opusWebm(path.join(dir, "audio-only.webm"), 2)), "UNSUPPORTED_MEDIA");
  });
});
