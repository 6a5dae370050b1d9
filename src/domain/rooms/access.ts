// Who is in a room and what they may do there. Room membership lives in RoomMember;
// a topic's conversation has no ConversationMember rows, its access is the room's.
import type { Db } from "@/db/client";
import { DomainError, isDomainError, notFound } from "@/domain/errors";
import { admissionRefusal } from "./admission";
import { removeFromRoom } from "./eviction";
import type { RoomRole } from "@/shared/schemas/rooms";

export interface RoomAccess {
  room: { id: string; creatorId: string; slowModeSeconds: number; name: string };
  role: RoomRole;
}

/** The caller's membership; anyone outside the room gets NOT_FOUND (its contents are not revealed). */
export async function requireRoomMember(db: Db, roomId: string, userId: string, now = new Date()): Promise<RoomAccess> {
  const member = await db.roomMember.findUnique({
    where: { roomId_userId: { roomId, userId } },
    include: { room: { select: { id: true, creatorId: true, slowModeSeconds: true, name: true, audience: true } } },
  });
  if (!member) throw notFound("No such room");
  // A membership whose basis ended (a creator's block, a lapsed or ended audience
  // membership) never admits, even before the sweep got to it: it is removed here.
  const refusal = await admissionRefusal(db, member.room, userId, now);
  if (refusal) {
    await removeFromRoom(db, roomId, userId, refusal === "BLOCKED" ? "blocked" : "audience");
    throw notFound("No such room");
  }
  const { audience: _audience, ...room } = member.room;
  return { room, role: member.role as RoomRole };
}

/** Whether the user still belongs in the room's channel (checked on every connect before a socket joins it). */
export async function stillInRoom(db: Db, roomId: string, userId: string): Promise<boolean> {
  try {
    await requireRoomMember(db, roomId, userId);
    return true;
  } catch (e) {
    if (isDomainError(e)) return false;
    throw e;
  }
}

export const isStaff = (role: RoomRole) => role === "creator" || role === "moderator";

/** The creator or a moderator; other members are FORBIDDEN, outsiders NOT_FOUND. */
export async function requireStaff(db: Db, roomId: string, userId: string): Promise<RoomAccess> {
  const access = await requireRoomMember(db, roomId, userId);
  if (!isStaff(access.role)) throw new DomainError("FORBIDDEN", "Only the creator and moderators can do that.");
  return access;
}

export async function requireCreator(db: Db, roomId: string, userId: string): Promise<RoomAccess> {
  const access = await requireRoomMember(db, roomId, userId);
  if (access.role !== "creator") throw new DomainError("FORBIDDEN", "Only the room's creator can do that.");
  return access;
}

/**
 * Whether the actor may act on the target: the creator on anyone else, a moderator
 * only on plain members (never on the creator or another moderator).
 */
export async function requireActionOn(db: Db, { room, actor, targetId }: { room: { id: string; creatorId: string }; actor: { id: string; role: RoomRole }; targetId: string }) {
  const roomId = room.id;
  if (targetId === actor.id) throw new DomainError("FORBIDDEN", "You can't moderate yourself.");
  if (targetId === room.creatorId) throw new DomainError("FORBIDDEN", "Nobody moderates the room's creator.");
  const target = await db.roomMember.findUnique({ where: { roomId_userId: { roomId, userId: targetId } } });
  if (actor.role === "moderator" && target?.role === "moderator") throw new DomainError("FORBIDDEN", "Moderators can't act on other moderators.");
  return target;
}

/** The topic (of this room) a caller may read; its conversation id for messages. */
export async function requireTopic(db: Db, roomId: string, topicId: string) {
  const topic = await db.topic.findUnique({ where: { id: topicId } });
  if (!topic || topic.roomId !== roomId) throw notFound("No such topic");
  return topic;
}

/** The active time-out of a member, if any. */
export async function activeTimeout(db: Db, roomId: string, userId: string, now = new Date()) {
  return db.roomTimeout.findFirst({ where: { roomId, userId, until: { gt: now } }, orderBy: { until: "desc" } });
}

/**
 * For code that starts from a conversation id (media uploads, reactions): the room
 * behind a topic conversation and the caller's membership, or null when the
 * conversation is not a room topic. Outsiders get NOT_FOUND.
 */
export async function requireTopicConversationAccess(db: Db, conversationId: string, userId: string): Promise<(RoomAccess & { topicId: string }) | null> {
  const topic = await db.topic.findUnique({ where: { conversationId } });
  if (!topic) return null;
  return { ...(await requireRoomMember(db, topic.roomId, userId)), topicId: topic.id };
}
