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
import { DomainError } from "@/domain/errors";
import type { MediaStorage } from "@/domain/media/storage/types";
import { nudityClassifier, type NudityClassifier } from "./classifier";
import { needsScreening } from "./policy";
import { classifyVisual } from "./screen";
import { isBlocked, type NudityScores } from "./scores";
import { visualSource } from "./screen-upload";

export interface DeliveryCheck {
  senderId: string;
  conversationId: string;
  mediaIds: readonly string[];
}

type VisualRow = { id: string; kind: string; storageKey: string; thumbnailKey: string | null; durationMs: number | null; nudityScores: unknown };

async function scoreStoredVisual(storage: MediaStorage, row: VisualRow, classifier: NudityClassifier): Promise<NudityScores> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), "murmur-screen-"));
  try {
    const body = await storage.read(row.storageKey);
    if (!body) throw new DomainError("NUDITY_CHECK_FAILED", "the stored visual is missing");
    const file = path.join(dir, "visual");
    await pipeline(body, fs.createWriteStream(file));
    return await classifyVisual(visualSource({ kind: row.kind as "image" | "video", file, durationMs: row.durationMs }), { classifier });
  } finally {
    await fsp.rm(dir, { recursive: true, force: true });
  }
}

/**
 * Call before appending a message with visuals (never inside a transaction: it may take a
 * second). Media ids that are not the sender's visuals are left to the send's own checks.
 */
export async function screenBeforeDelivery(
  db: Db,
  storage: MediaStorage,
  { senderId, conversationId, mediaIds }: DeliveryCheck,
  classifier: NudityClassifier = nudityClassifier(),
): Promise<void> {
  if (!mediaIds.length || !(await needsScreening(db, senderId, conversationId))) return;
  const rows: VisualRow[] = await db.media.findMany({
    where: { id: { in: [...mediaIds] }, ownerId: senderId, kind: { in: ["image", "video"] } },
    select: { id: true, kind: true, storageKey: true, thumbnailKey: true, durationMs: true, nudityScores: true },
  });
  const blocked: VisualRow[] = [];
  for (const row of rows) {
    let scores = row.nudityScores as NudityScores | null;
    if (!scores) {
      scores = await scoreStoredVisual(storage, row, classifier);
      await db.media.update({ where: { id: row.id }, data: { nudityScores: scores } });
    }
    if (isBlocked(scores)) blocked.push(row);
  }
  if (!blocked.length) return;
  await db.media.deleteMany({ where: { id: { in: blocked.map((r) => r.id) } } });
  await Promise.allSettled(blocked.flatMap((r) => [storage.delete(r.storageKey), ...(r.thumbnailKey ? [storage.delete(r.thumbnailKey)] : [])]));
  throw new DomainError("NUDITY_BLOCKED", "A visual may contain nudity; it was deleted.");
}
