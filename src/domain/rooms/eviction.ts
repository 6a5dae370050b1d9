// Taking someone out of a room because what admitted them ended: a ban, a creator's
// block, a subscription or fan-club membership that ended or lapsed. The row goes, the
// room hears it, and the person's sockets leave the room's channel on every node (a
// socket that is disconnected at that moment joins only what is still valid when it
// reconnects: see joinMyRooms in src/realtime/rooms.ts).
import type { Db } from "@/db/client";
import { events } from "@/domain/events";
import { admissionRefusal, fanClubActiveSince } from "./admission";
import { roomChannel } from "./view";

export type RemovalReason = "banned" | "blocked" | "audience";

/** Tells the room and takes the user's sockets out of its channel (the row is already gone). */
export function announceRemoval(roomId: string, userId: string, reason: RemovalReason): void {
  // The room first (the removed member's sockets included), then their sockets leave.
  events().toChannel(roomChannel(roomId), "room:member:removed", { roomId, userId, reason });
  events().leave(userId, roomChannel(roomId));
}

/** Removes a plain member or moderator (never the creator); false when they were not in it. */
export async function removeFromRoom(db: Db, roomId: string, userId: string, reason: RemovalReason): Promise<boolean> {
  const { count } = await db.roomMember.deleteMany({ where: { roomId, userId, role: { not: "creator" } } });
  if (count) announceRemoval(roomId, userId, reason);
  return count > 0;
}

/**
 * Re-checks the user's memberships in the creator's rooms and removes those nothing
 * admits any more (after a block, an unsubscribe, leaving or lapsing from the fan club).
 * Returns the rooms they were removed from.
 */
export async function dropUnadmitted(db: Db, creatorId: string, userId: string, now = new Date()): Promise<string[]> {
  if (creatorId === userId) return [];
  const memberships = await db.roomMember.findMany({
    where: { userId, role: { not: "creator" }, room: { creatorId } },
    select: { room: { select: { id: true, creatorId: true, audience: true } } },
  });
  const removed: string[] = [];
  for (const { room } of memberships) {
    const refusal = await admissionRefusal(db, room, userId, now);
    if (refusal && (await removeFromRoom(db, room.id, userId, refusal === "BLOCKED" ? "blocked" : "audience"))) removed.push(room.id);
  }
  return removed;
}

/**
 * The sweep's half of the lapse rule: fans whose fan-club activity is older than the
 * lapse and who still sit in that creator's rooms are re-checked (a subscription may
 * still admit them). Everything is read from the database, so it is restart-safe and
 * idempotent when several nodes run it.
 */
export async function sweepLapsedFans(db: Db, now = new Date()): Promise<number> {
  const since = fanClubActiveSince(now);
  const candidates = await db.roomMember.findMany({
    where: { role: { not: "creator" }, user: { fanClubMemberships: { some: { lastActiveAt: { lt: since } } } } },
    select: { userId: true, room: { select: { creatorId: true } } },
  });
  const pairs = new Map(candidates.map((c) => [`${c.room.creatorId} ${c.userId}`, { creatorId: c.room.creatorId, userId: c.userId }]));
  let removed = 0;
  for (const { creatorId, userId } of pairs.values()) removed += (await dropUnadmitted(db, creatorId, userId, now)).length;
  return removed;
}
