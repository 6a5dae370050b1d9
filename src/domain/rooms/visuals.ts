// Visuals in rooms: the nudity filter is always on. The safety capability screens
// every upload whose conversation is a room topic (`alwaysScreened`), storing the
// scores with the media and deleting what it blocks; here a send only accepts media
// that is the sender's own, unattached, uploaded for this topic; the send path then
// screens it again before delivery (screenBeforeDelivery: stored scores, or classified now).
import type { Db } from "@/db/client";
import { DomainError } from "@/domain/errors";

/** The conversation kind behind a room topic; uploads to it are always screened. */
export const ROOM_TOPIC_CONVERSATION_KIND = "topic";

export const alwaysScreened = (conversation: { kind: string }) => conversation.kind === ROOM_TOPIC_CONVERSATION_KIND;

export async function requireScreenedVisuals(db: Db, conversationId: string, userId: string, mediaIds: string[], as: "visual" | "voice") {
  const rows = await db.media.findMany({ where: { id: { in: mediaIds } } });
  const usable = rows.filter((m) => m.ownerId === userId && m.conversationId === conversationId && !m.messageId);
  if (usable.length !== new Set(mediaIds).size) throw new DomainError("VALIDATION_FAILED", "mediaIds: not uploads of yours for this topic");
  for (const m of usable) {
    if (as === "voice" ? m.kind !== "voice" : m.kind === "voice") throw new DomainError("VALIDATION_FAILED", "mediaIds: wrong kind of media");
  }
  // Photos and videos are then screened on the send path (screenBeforeDelivery): rooms are always screened.
}
