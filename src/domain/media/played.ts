// The "played" mark on a voice note: a listener (any member who can see the message,
// not its sender) marks it once; the sender hears of it live (media:played) and every
// view of the message carries `playedBy`.
import type { Db } from "@/db/client";
import { DomainError, notFound } from "@/domain/errors";
import { events } from "@/domain/events";
import { findViewableMedia } from "./serve";

export interface MediaPlayedEvent {
  mediaId: string;
  messageId: string;
  conversationId: string;
  userId: string;
}

/** Idempotent: marking again changes nothing and pushes nothing. */
export async function markVoicePlayed(db: Db, userId: string, mediaId: string): Promise<{ played: true; playedAt: string }> {
  await findViewableMedia(db, userId, mediaId, "file"); // who may hear it may mark it; others: NOT_FOUND
  const media = await db.media.findUnique({ where: { id: mediaId }, select: { kind: true, ownerId: true, messageId: true, conversationId: true } });
  if (media?.kind !== "voice" || !media.messageId) throw notFound("No such voice note");
  if (media.ownerId === userId) throw new DomainError("FORBIDDEN", "Your own voice note has no played mark.");
  const existing = await db.mediaPlay.findUnique({ where: { mediaId_userId: { mediaId, userId } } });
  if (existing) return { played: true, playedAt: existing.playedAt.toISOString() };
  const created = await db.mediaPlay.create({ data: { mediaId, userId } }).catch(async (e: { code?: string }) => {
    if (e?.code !== "P2002") throw e;
    return null; // a concurrent mark won; it pushed the event
  });
  if (!created) {
    const row = await db.mediaPlay.findUniqueOrThrow({ where: { mediaId_userId: { mediaId, userId } } });
    return { played: true, playedAt: row.playedAt.toISOString() };
  }
  const payload: MediaPlayedEvent = { mediaId, messageId: media.messageId, conversationId: media.conversationId, userId };
  events().toUsers([media.ownerId], "media:played", payload);
  return { played: true, playedAt: created.playedAt.toISOString() };
}
