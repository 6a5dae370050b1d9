// Editing one's own profile: the display name, the bio and the picture. A picture is a
// screened upload (POST /api/me/avatar): sniffed, decoded under the pixel limit,
// re-encoded without metadata as a square WebP, screened by the nudity filter for
// everyone, then stored under `avatars/<userId>/<avatarId>.webp`. PATCH /api/me/profile
// then puts it on the profile; only the uploader's own, stored avatars are accepted.
import crypto from "node:crypto";
import fsp from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import sharp from "sharp";
import type { Db } from "@/db/client";
import { DomainError, notFound } from "@/domain/errors";
import { processImage } from "@/domain/media/image";
import { consumeUploadQuota } from "@/domain/media/quota";
import { sniff, sniffFile } from "@/domain/media/sniff";
import type { MediaStorage } from "@/domain/media/storage";
import { screenProfilePicture } from "@/domain/safety/screen-avatar";
import { AVATAR } from "@/shared/limits";
import type { ProfileUpdate } from "@/shared/schemas/accounts";

export interface OwnProfile {
  id: string;
  username: string;
  displayName: string;
  bio: string;
  avatarUrl: string | null;
}

const AVATAR_URL = /^\/api\/avatars\/([A-Za-z0-9_-]+)\/(a[0-9a-f]{24})$/;

/** Where a profile picture is fetched from (the route checks that it is in use or the viewer's own). */
export const avatarUrlFor = (userId: string, avatarId: string) => `/api/avatars/${userId}/${avatarId}`;
export const avatarKeyFor = (userId: string, avatarId: string) => `avatars/${userId}/${avatarId}.webp`;
/** The stored object behind an avatar URL this app made, or null (no picture, or one from elsewhere: demo data). */
export function avatarKeyOf(url: string | null): string | null {
  const m = url ? AVATAR_URL.exec(url) : null;
  return m ? avatarKeyFor(m[1], m[2]) : null;
}

const ownProfileSelect = { id: true, username: true, displayName: true, bio: true, avatarUrl: true } as const;

export async function getOwnProfile(db: Db, userId: string): Promise<OwnProfile> {
  const user = await db.user.findUnique({ where: { id: userId }, select: ownProfileSelect });
  if (!user) throw notFound("No such account");
  return user;
}

/** The byte limit once the first bytes are known: photos only. */
export async function avatarByteLimit(head: Buffer | null): Promise<number> {
  if (head && (await sniff(head))?.kind !== "image") throw new DomainError("UNSUPPORTED_MEDIA", "a profile picture is a photo (JPEG, PNG, WebP, AVIF)");
  return AVATAR.maxBytes;
}

/** Counts against the upload quota before a byte is read. */
export async function assertMayUploadAvatar(db: Db, userId: string): Promise<void> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true } });
  if (!user) throw notFound("No such account");
  await consumeUploadQuota(db, userId);
}

/**
 * Sniff → decode (pixel limit, auto-rotate, no metadata) → a square of AVATAR.edge →
 * screen → store. Nothing is stored when a step refuses. The caller owns `workDir`.
 */
export async function uploadAvatar(storage: MediaStorage, input: { ownerId: string; file: string; workDir: string }): Promise<{ id: string; url: string }> {
  const bytes = (await fsp.stat(input.file)).size;
  const sniffed = await sniffFile(input.file);
  if (sniffed?.kind !== "image") throw new DomainError("UNSUPPORTED_MEDIA", "a profile picture is a photo (JPEG, PNG, WebP, AVIF)");
  if (bytes > AVATAR.maxBytes) throw new DomainError("MEDIA_TOO_LARGE", "the file is too large", { details: { maxBytes: AVATAR.maxBytes } });

  const decoded = await processImage(input.file, input.workDir);
  const square = path.join(input.workDir, "avatar.webp");
  await sharp(decoded.file, { animated: false }).resize(AVATAR.edge, AVATAR.edge, { fit: "cover", position: "attention" }).webp({ quality: 82 }).toFile(square);

  // What viewers will be served is what is screened.
  await screenProfilePicture(square);

  const id = `a${crypto.randomBytes(12).toString("hex")}`;
  await storage.put(avatarKeyFor(input.ownerId, id), Readable.from([await fsp.readFile(square)]), { contentType: "image/webp" });
  return { id, url: avatarUrlFor(input.ownerId, id) };
}

/**
 * Changes the caller's own profile (validated by ZProfileUpdate). An avatar id must be one
 * the caller uploaded (its object is there); anything else is VALIDATION_FAILED and
 * nothing changes. The replaced picture's object is deleted.
 */
export async function updateProfile(db: Db, storage: MediaStorage, userId: string, update: ProfileUpdate): Promise<OwnProfile> {
  const before = await getOwnProfile(db, userId);
  const data: { displayName?: string; bio?: string; avatarUrl?: string | null } = {};
  if (update.displayName !== undefined) data.displayName = update.displayName;
  if (update.bio !== undefined) data.bio = update.bio;
  if (update.avatarId !== undefined) {
    if (update.avatarId === null) data.avatarUrl = null;
    else {
      if (!(await storage.stat(avatarKeyFor(userId, update.avatarId)))) throw new DomainError("VALIDATION_FAILED", "avatarId: not a picture you uploaded");
      data.avatarUrl = avatarUrlFor(userId, update.avatarId);
    }
  }
  const after = await db.user.update({ where: { id: userId }, data, select: ownProfileSelect });
  const oldKey = avatarKeyOf(before.avatarUrl);
  if (oldKey && before.avatarUrl !== after.avatarUrl) await storage.delete(oldKey).catch((e) => console.error("avatar: the old picture was not deleted", oldKey, e));
  return after;
}

/**
 * The stored object of a profile picture, for a signed-in viewer: the owner's picture in
 * use, or one the viewer uploaded themselves (the preview before saving). Else NOT_FOUND.
 */
export async function findViewableAvatar(db: Db, viewerId: string, ownerId: string, avatarId: string): Promise<string> {
  const url = avatarUrlFor(ownerId, avatarId);
  if (viewerId !== ownerId) {
    const owner = await db.user.findUnique({ where: { id: ownerId }, select: { avatarUrl: true } });
    if (owner?.avatarUrl !== url) throw notFound("No such picture");
  }
  return avatarKeyFor(ownerId, avatarId);
}
