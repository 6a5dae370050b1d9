// What admits a person to a creator's room besides the room row itself: the room's
// audience (a subscription, a fan-club membership that has not lapsed, or either) and
// the creator not having blocked them. Checked on join, on every access, on every
// (re)connect before a socket joins the room's channel, and by the membership sweep.
import type { Db } from "@/db/client";
import type { ErrorCode } from "@/shared/errors";
import { ROOMS } from "@/shared/limits";
import type { RoomAudience } from "@/shared/schemas/rooms";

/** The oldest fan-club activity that still counts at `now`. */
export const fanClubActiveSince = (now: Date) => new Date(now.getTime() - ROOMS.fanClubLapseMs);

/** Whether a fan is in the room's audience: a subscriber, an active fan-club member, or either. */
export async function isInAudience(db: Db, room: { creatorId: string; audience: string }, userId: string, now = new Date()): Promise<boolean> {
  const audience = room.audience as RoomAudience;
  const key = { creatorId: room.creatorId };
  const [subscribed, fan] = await Promise.all([
    audience !== "fanclub" ? db.subscription.findUnique({ where: { subscriberId_creatorId: { subscriberId: userId, ...key } } }) : null,
    audience !== "subscribers" ? db.fanClubMembership.findUnique({ where: { fanId_creatorId: { fanId: userId, ...key } } }) : null,
  ]);
  return !!subscribed || (!!fan && fan.lastActiveAt >= fanClubActiveSince(now));
}

export async function isBlockedByCreator(db: Db, creatorId: string, userId: string): Promise<boolean> {
  return !!(await db.userBlock.findUnique({ where: { blockerId_blockedId: { blockerId: creatorId, blockedId: userId } } }));
}

/** Why a non-creator may not be in the room (null: admitted). The creator is always admitted. */
export async function admissionRefusal(db: Db, room: { creatorId: string; audience: string }, userId: string, now = new Date()): Promise<Extract<ErrorCode, "BLOCKED" | "NOT_IN_AUDIENCE"> | null> {
  if (userId === room.creatorId) return null;
  if (await isBlockedByCreator(db, room.creatorId, userId)) return "BLOCKED";
  if (!(await isInAudience(db, room, userId, now))) return "NOT_IN_AUDIENCE";
  return null;
}

/** Posting in a creator's room renews the poster's fan-club membership with that creator. */
export async function recordFanActivity(db: Db, creatorId: string, userId: string, now = new Date()): Promise<void> {
  await db.fanClubMembership.updateMany({ where: { fanId: userId, creatorId, lastActiveAt: { lt: now } }, data: { lastActiveAt: now } });
}
