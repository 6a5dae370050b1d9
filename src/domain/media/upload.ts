// POST /api/media's use case, as clear steps:
//   authorise → sniff (real type from the bytes) → decode/validate + transform (image,
//   video or voice) → screen (safety) → store (row, then objects).
// Bad input throws before the store step: no row and no object is left behind. The
// caller owns the work directory (the raw upload and the intermediate files).
import crypto from "node:crypto";
import fs from "node:fs";
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { Readable } from "node:stream";
import type { Db } from "@/db/client";
import { ageOf } from "@/domain/accounts/view";
import { loadForMember } from "@/domain/conversations/access";
import { assertNotBlocked } from "@/domain/messages/change";
import { activeTimeout, requireTopicConversationAccess } from "@/domain/rooms/access";
import { DomainError, notFound } from "@/domain/errors";
import { AGE, UPLOADS, VISUALS, VOICE } from "@/shared/limits";
import type { MediaUploadFields } from "@/shared/schemas/media";
import { processPhoto } from "./image";
import { screenVisual } from "./screen";
import { type Sniffed, sniffFile } from "./sniff";
import type { MediaStorage } from "./storage";
import { enqueueMediaJob } from "./jobs/queue";
import { assertDecodable, inspectVideo, processVideo } from "./video";
import { processVoice } from "./voice";
import { toMediaView, type MediaRow } from "./view";

/** Where uploads stream to before processing (one directory per upload). */
export function uploadTmpRoot(): string {
  return path.resolve(/* turbopackIgnore: true */ process.env.MURMUR_UPLOAD_TMP || path.join(os.tmpdir(), "murmur-uploads"));
}

export async function createWorkDir(): Promise<string> {
  await fsp.mkdir(uploadTmpRoot(), { recursive: true });
  return fsp.mkdtemp(path.join(uploadTmpRoot(), "u-"));
}

/** The most bytes an upload may have, once the kind asked for and (if known) the sniffed type are known. */
export function uploadByteLimit(kind: "voice" | undefined, sniffed: Sniffed | null): number {
  if (kind === "voice") return VOICE.maxBytes;
  if (sniffed?.kind === "image") return VISUALS.imageMaxBytes;
  return VISUALS.videoMaxBytes;
}

const tooLarge = (maxBytes: number) => new DomainError("MEDIA_TOO_LARGE", "the file is too large", { details: { maxBytes } });

/**
 * Refuses before any byte is read: under-16s, and whoever could not send to the
 * conversation. A 1:1 or group: its active members (outsiders NOT_FOUND), and in a 1:1
 * not across a block (BLOCKED). A room topic's conversation has no members of its own:
 * the room's members (outsiders and the banned: NOT_FOUND) who are not timed out.
 */
export async function assertMayUpload(db: Db, ownerId: string, conversationId?: string): Promise<{ topic: boolean }> {
  const owner = await db.user.findUnique({ where: { id: ownerId }, select: { birthDate: true } });
  if (!owner) throw notFound("No such account");
  if (ageOf(owner) < AGE.minimumForDMs) throw new DomainError("AGE_RESTRICTED", "Direct messages start at 16.");
  if (!conversationId) return { topic: false };
  const topic = await requireTopicConversationAccess(db, conversationId, ownerId);
  if (!topic) {
    const { conversation } = await loadForMember(db, conversationId, ownerId);
    await assertNotBlocked(db, conversation, ownerId);
    return { topic: false };
  }
  const timeout = await activeTimeout(db, topic.room.id, ownerId);
  if (timeout) {
    throw new DomainError("TIMED_OUT", "You are timed out in this room.", {
      retryAfter: Math.max(1, Math.ceil((timeout.until.getTime() - Date.now()) / 1000)),
      details: { until: timeout.until.toISOString() },
    });
  }
  return { topic: true };
}

export interface UploadRequest {
  ownerId: string;
  fields: MediaUploadFields;
  /** The raw upload, already on disk (inside `workDir`). */
  file: string;
  workDir: string;
}

interface Prepared {
  kind: "image" | "video" | "voice";
  file: string;
  mime: string;
  ext: string;
  width: number | null;
  height: number | null;
  durationMs: number | null;
  waveform: number[] | null;
  thumbnail: Buffer | null;
  placeholder: string | null;
  /** A still photo's nudity-filter input, from the same decode as the stored file. */
  screeningPixels?: Uint8Array | null;
}

async function prepare(req: UploadRequest, sniffed: Sniffed): Promise<Prepared> {
  const { fields, file, workDir } = req;
  if (fields.kind === "voice") {
    if (sniffed.kind !== "video-or-audio") throw new DomainError("UNSUPPORTED_MEDIA", "a voice note is audio");
    const voice = await processVoice(file, workDir);
    return { kind: "voice", ...voice, width: null, height: null, thumbnail: null, placeholder: null };
  }
  if (sniffed.kind === "image") {
    // One decode makes the stored file, its thumbnail and placeholder, and the screening input.
    const photo = await processPhoto(file, workDir);
    return { kind: "image", ...photo, durationMs: null, waveform: null };
  }
  const video = await processVideo(file, workDir, { trimStartMs: fields.trimStartMs, trimEndMs: fields.trimEndMs, muted: fields.muted });
  return { kind: "video", ...video, waveform: null };
}

const newMediaId = () => `m${crypto.randomBytes(12).toString("hex")}`;

/** Objects of one media: `<yyyy>/<mm>/<id>/file.<ext>` and `.../thumb.webp`. */
export function storageKeysFor(id: string, ext: string, createdAt: Date) {
  const prefix = `${createdAt.getUTCFullYear()}/${String(createdAt.getUTCMonth() + 1).padStart(2, "0")}/${id}`;
  return { file: `${prefix}/file.${ext}`, thumbnail: `${prefix}/thumb.webp` };
}

export interface UploadOptions {
  /**
   * A video that must be re-encoded (a trim that cuts its start, a codec browsers do not
   * play) is checked cheaply, stored as it came and transcoded by a background job: the
   * media answers with `status: "processing"` at once. Without it, every step runs here.
   */
  background?: boolean;
}

export async function uploadMedia(db: Db, storage: MediaStorage, req: UploadRequest, options: UploadOptions = {}) {
  // Authorise.
  const { topic } = await assertMayUpload(db, req.ownerId, req.fields.conversationId);

  // Sniff: the real type, from the bytes.
  const bytes = (await fsp.stat(req.file)).size;
  const sniffed = await sniffFile(req.file);
  if (!sniffed) throw new DomainError("UNSUPPORTED_MEDIA", "not a photo, video or audio file");
  const limit = uploadByteLimit(req.fields.kind, sniffed);
  if (bytes > limit) throw tooLarge(limit);

  // Room topics keep the synchronous path: their posts have no held send.
  if (options.background && !topic && req.fields.kind !== "voice" && sniffed.kind !== "image") {
    const queued = await queueIfTranscode(db, storage, req);
    if (queued) return queued;
  }

  // Decode, validate and transform.
  const prepared = await prepare(req, sniffed);

  // Screen what would be delivered: every frame a viewer may see, a video's poster included.
  const nudityScores =
    prepared.kind === "voice"
      ? null
      : await screenVisual(db, {
          ownerId: req.ownerId,
          conversationId: req.fields.conversationId,
          kind: prepared.kind,
          file: prepared.file,
          poster: prepared.kind === "video" ? prepared.thumbnail : null,
          pixels: prepared.screeningPixels,
        });

  // Store: the row first, so that a crash part-way leaves a row the sweep finds, never a stray object.
  const id = newMediaId();
  const createdAt = new Date();
  const keys = storageKeysFor(id, prepared.ext, createdAt);
  const storedBytes = (await fsp.stat(prepared.file)).size;
  const row = await db.media.create({
    data: {
      id,
      ownerId: req.ownerId,
      conversationId: req.fields.conversationId,
      kind: prepared.kind,
      mime: prepared.mime,
      bytes: storedBytes,
      width: prepared.width,
      height: prepared.height,
      durationMs: prepared.durationMs,
      waveform: prepared.waveform ?? undefined,
      nudityScores: nudityScores ?? undefined,
      storageKey: keys.file,
      thumbnailKey: prepared.thumbnail ? keys.thumbnail : null,
      placeholder: prepared.placeholder,
      altText: prepared.kind === "voice" ? null : (req.fields.altText ?? null),
      createdAt,
    },
  });
  try {
    await storage.put(keys.file, fs.createReadStream(prepared.file), { contentType: prepared.mime });
    if (prepared.thumbnail) {
      await storage.put(keys.thumbnail, Readable.from([prepared.thumbnail]), { contentType: "image/webp" });
    }
  } catch (e) {
    await Promise.allSettled([storage.delete(keys.file), storage.delete(keys.thumbnail)]);
    await db.media.delete({ where: { id } }).catch(() => undefined);
    throw e;
  }
  return toMediaView(row as MediaRow);
}

/**
 * The cheap checks of a video (its streams, length and edits; its first kept picture
 * decodes), then, when it needs a transcode: the original stored under the media's prefix
 * (served to nobody: a processing media is not found), the row in "processing" and the job
 * queued. A remux (fast) returns null: it is done in the request as before.
 */
async function queueIfTranscode(db: Db, storage: MediaStorage, req: UploadRequest) {
  const edits = { trimStartMs: req.fields.trimStartMs, trimEndMs: req.fields.trimEndMs, muted: req.fields.muted };
  const inspected = await inspectVideo(req.file, edits);
  if (inspected.remux) return null;
  await assertDecodable(req.file, edits);
  const id = newMediaId();
  const createdAt = new Date();
  const originalKey = `${storageKeysFor(id, "mp4", createdAt).file.replace(/file\.mp4$/, "")}original.bin`;
  const { width, height } = displaySize(inspected.video.width!, inspected.video.height!);
  const start = edits.trimStartMs ?? 0;
  const end = Math.min(edits.trimEndMs ?? Number.POSITIVE_INFINITY, inspected.claimedMs ?? Number.POSITIVE_INFINITY);
  const row = await db.media.create({
    data: {
      id,
      ownerId: req.ownerId,
      conversationId: req.fields.conversationId,
      kind: "video",
      mime: "video/mp4",
      bytes: (await fsp.stat(req.file)).size,
      width,
      height,
      durationMs: Number.isFinite(end) ? Math.round(end - start) : null,
      storageKey: originalKey,
      altText: req.fields.altText ?? null,
      status: "processing",
      createdAt,
    },
  });
  try {
    await storage.put(originalKey, fs.createReadStream(req.file), { contentType: "application/octet-stream" });
    await enqueueMediaJob(db, id, edits);
  } catch (e) {
    await storage.delete(originalKey).catch(() => undefined);
    await db.media.delete({ where: { id } }).catch(() => undefined);
    throw e;
  }
  return toMediaView(row as MediaRow);
}

/** What a transcode to at most UPLOADS.maxVideoEdge will measure (its real size is stored when it is done). */
function displaySize(width: number, height: number) {
  const scale = Math.min(1, UPLOADS.maxVideoEdge / Math.max(width, height));
  const even = (n: number) => Math.max(2, Math.round((n * scale) / 2) * 2);
  return { width: even(width), height: even(height) };
}
