// A room's picture is a photo its creator uploaded to one of the room's topics: such
// uploads are always screened (see visuals.ts), so nothing unscreened or external is
// ever shown. It is served to the room's members and to the people its join page is
// for (its audience, not banned, not blocked by the creator).
import type { Db } from "@/db/client";
import { DomainError } from "@/domain/errors";
import { admissionRefusal } from "./admission";

/** Where a room's picture is fetched from (the media route checks who may see it). */
export const roomPictureUrl = (mediaId: string | null) => (mediaId ? `/api/media/${mediaId}` : null);

/** The media must be the creator's own screened photo, uploaded to this room and not sent in a message. */
export async function requireRoomPicture(db: Db, roomId: string, creatorId: string, mediaId: string): Promise<void> {
  const media = await db.media.findUnique({ where: { id: mediaId }, include: { conversation: { select: { topic: { select: { roomId: true } } } } } });
  const usable = media && media.ownerId === creatorId && media.kind === "image" && !media.messageId && media.nudityScores !== null && media.conversation.topic?.roomId === roomId;
  if (!usable) throw new DomainError("VALIDATION_FAILED", "pictureMediaId: not a screened photo you uploaded to this room");
}

/**
 * Whether the viewer may see this media as a room's picture: the room's creator, members
 * and audience, and whoever holds its invite code (the join page shows the picture);
 * never someone banned from the room or blocked by its creator.
 */
export async function mayViewRoomPicture(db: Db, mediaId: string, viewerId: string, inviteCode?: string | null): Promise<boolean> {
  const room = await db.creatorRoom.findUnique({ where: { pictureMediaId: mediaId }, select: { id: true, creatorId: true, audience: true, inviteCode: true } });
  if (!room) return false;
  if (await db.roomBan.findUnique({ where: { roomId_userId: { roomId: room.id, userId: viewerId } } })) return false;
  const refusal = await admissionRefusal(db, room, viewerId);
  return refusal === null || (refusal !== "BLOCKED" && !!inviteCode && inviteCode === room.inviteCode);
}

/** The picture's address on an invite's join page: the invite code lets its holder see it. */
export const invitePictureUrl = (mediaId: string | null, inviteCode: string) => (mediaId ? `/api/media/${mediaId}?invite=${encodeURIComponent(inviteCode)}` : null);
