// The nudity filter at send time. A visual uploaded unscreened (say, between two adults
// with the filter off) may be about to reach someone the policy protects (a teen who has
// joined the group since): it is classified now. A blocked visual is deleted at once, row
// and stored files, and the send is refused with NUDITY_BLOCKED; nothing is delivered.
import fs from "node:fs";
import fsp from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import type { Db } from "@/db/client";
import { DomainError, notFound } from "@/domain/errors";
import type { MediaStorage } from "@/domain/media/storage/types";
import { nudityClassifier, type NudityClassifier } from "./classifier";
import { visualNeedsScreening } from "./policy";
import { classifyVisual } from "./screen";
import { isBlocked, type NudityScores } from "./scores";
import { visualSource } from "./screen-upload";

export interface DeliveryCheck {
  senderId: string;
  conversationId: string;
  mediaIds: readonly string[];
}

type FilterFacts = { birthDate: string; nudityFilter: boolean };

/** What the send path has loaded already: the policy's facts and the uploads about to be attached. */
export interface LoadedDelivery {
  senderId: string;
  conversationKind: string;
  sender: FilterFacts;
  recipients: readonly FilterFacts[];
  media: readonly { id: string; kind: string; nudityScores: unknown }[];
}

type StoredVisual = { id: string; kind: string; storageKey: string; thumbnailKey: string | null };

async function copyOut(storage: MediaStorage, key: string, file: string): Promise<string> {
  const body = await storage.read(key);
  if (!body) throw new DomainError("NUDITY_CHECK_FAILED", "the stored visual is missing");
  await pipeline(body, fs.createWriteStream(file));
  return file;
}

async function scoreStoredVisual(storage: MediaStorage, row: StoredVisual, classifier: NudityClassifier): Promise<NudityScores> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), "murmur-screen-"));
  try {
    const kind = row.kind as "image" | "video";
    const file = await copyOut(storage, row.storageKey, path.join(dir, "visual"));
    // A video's poster is what recipients see inline before it plays.
    const poster = kind === "video" && row.thumbnailKey ? await copyOut(storage, row.thumbnailKey, path.join(dir, "poster")) : null;
    return await classifyVisual(visualSource({ kind, file, poster }), { classifier });
  } finally {
    await fsp.rm(dir, { recursive: true, force: true });
  }
}

/**
 * The check on the send path (never inside a transaction: classifying may take a second).
 * Visuals screened at upload are judged by their stored scores; the others are classified now.
 */
export async function screenForDelivery(db: Db, storage: MediaStorage, delivery: LoadedDelivery, classifier: NudityClassifier = nudityClassifier()): Promise<void> {
  if (!visualNeedsScreening(delivery)) return;
  await screenVisuals(db, storage, delivery.media, classifier);
}

/** Screens these uploads whoever they reach (rooms; a caller that knows no audience fails closed). */
export async function screenVisuals(db: Db, storage: MediaStorage, media: LoadedDelivery["media"], classifier: NudityClassifier = nudityClassifier()): Promise<void> {
  const visuals = media.filter((m) => m.kind === "image" || m.kind === "video");
  if (!visuals.length) return;
  const scores = new Map(visuals.map((m) => [m.id, m.nudityScores as NudityScores | null]));
  const unscreened = visuals.filter((m) => !m.nudityScores).map((m) => m.id);
  const rows = unscreened.length ? await db.media.findMany({ where: { id: { in: unscreened } }, select: { id: true, kind: true, storageKey: true, thumbnailKey: true } }) : [];
  for (const row of rows) {
    const fresh = await scoreStoredVisual(storage, row, classifier);
    await db.media.update({ where: { id: row.id }, data: { nudityScores: fresh } });
    scores.set(row.id, fresh);
  }
  const blocked = [...scores].filter(([, s]) => s && isBlocked(s)).map(([id]) => id);
  if (!blocked.length) return;
  await deleteVisuals(db, storage, blocked);
  throw new DomainError("NUDITY_BLOCKED", "A visual may contain nudity; it was deleted.");
}

/** Deleted at once: the rows and every stored file of the visuals. */
async function deleteVisuals(db: Db, storage: MediaStorage, ids: string[]): Promise<void> {
  const rows = await db.media.findMany({ where: { id: { in: ids } }, select: { storageKey: true, thumbnailKey: true } });
  await db.media.deleteMany({ where: { id: { in: ids } } });
  await Promise.allSettled(rows.flatMap((r) => [storage.delete(r.storageKey), ...(r.thumbnailKey ? [storage.delete(r.thumbnailKey)] : [])]));
}

/** screenForDelivery for a caller that has loaded nothing yet (e.g. a room topic's send). */
export async function screenBeforeDelivery(db: Db, storage: MediaStorage, { senderId, conversationId, mediaIds }: DeliveryCheck, classifier: NudityClassifier = nudityClassifier()): Promise<void> {
  if (!mediaIds.length) return;
  const [conversation, sender, media] = await Promise.all([
    db.conversation.findUnique({
      where: { id: conversationId },
      select: { kind: true, members: { where: { leftAt: null, userId: { not: senderId } }, select: { user: { select: { birthDate: true, nudityFilter: true } } } } },
    }),
    db.user.findUnique({ where: { id: senderId }, select: { birthDate: true, nudityFilter: true } }),
    db.media.findMany({ where: { id: { in: [...mediaIds] }, ownerId: senderId }, select: { id: true, kind: true, nudityScores: true } }),
  ]);
  if (!conversation || !sender) throw notFound("No such conversation");
  const recipients = conversation.members.map((m) => m.user);
  await screenForDelivery(db, storage, { senderId, conversationKind: conversation.kind, sender, recipients, media }, classifier);
}
