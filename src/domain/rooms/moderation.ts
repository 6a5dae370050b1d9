// Moderators, bans and time-outs. Every action is written to the moderation log.
import type { Db } from "@/db/client";
import { consumeLimit } from "@/domain/limits/consume";
import { DomainError, notFound } from "@/domain/errors";
import { events } from "@/domain/events";
import { ROOMS } from "@/shared/limits";
import { requireActionOn, requireCreator, requireStaff } from "./access";
import { logModeration } from "./log";
import { roomChannel, toMembershipView, type MembershipView } from "./view";

/** Who acts on whom in which room: named, so that two ids cannot be swapped unnoticed. */
export interface RoomAction {
  roomId: string;
  actorId: string;
  targetId: string;
}

/** The creator names a moderator from the room's members; at most 5. */
export async function addModerator(db: Db, { roomId, actorId: creatorId, targetId: userId }: RoomAction): Promise<MembershipView> {
  await consumeLimit("memberChange", creatorId);
  await requireCreator(db, roomId, creatorId);
  const member = await db.$transaction(async (tx) => {
    // The room row's lock keeps concurrent nominations from passing the limit together.
    await tx.creatorRoom.update({ where: { id: roomId }, data: { slowModeSeconds: { increment: 0 } } });
    const target = await tx.roomMember.findUnique({ where: { roomId_userId: { roomId, userId } } });
    if (!target) throw notFound("Not a member of this room");
    if (target.role !== "member") return target;
    const moderators = await tx.roomMember.count({ where: { roomId, role: "moderator" } });
    if (moderators >= ROOMS.maxModerators) {
      throw new DomainError("MODERATOR_LIMIT_REACHED", `A room can have up to ${ROOMS.maxModerators} moderators.`, { details: { max: ROOMS.maxModerators } });
    }
    const updated = await tx.roomMember.update({ where: { roomId_userId: { roomId, userId } }, data: { role: "moderator" } });
    await logModeration(tx, { roomId, actorId: creatorId, action: "add_moderator", targetUserId: userId });
    return updated;
  });
  const view = toMembershipView(member);
  events().toChannel(roomChannel(roomId), "room:member:updated", { roomId, membership: view });
  return view;
}

export async function removeModerator(db: Db, { roomId, actorId: creatorId, targetId: userId }: RoomAction): Promise<MembershipView> {
  await consumeLimit("memberChange", creatorId);
  await requireCreator(db, roomId, creatorId);
  const target = await db.roomMember.findUnique({ where: { roomId_userId: { roomId, userId } } });
  if (target?.role !== "moderator") throw notFound("Not a moderator of this room");
  const [member] = await db.$transaction([
    db.roomMember.update({ where: { roomId_userId: { roomId, userId } }, data: { role: "member" } }),
    db.moderationLogEntry.create({ data: { roomId, actorId: creatorId, action: "remove_moderator", targetUserId: userId } }),
  ]);
  const view = toMembershipView(member);
  events().toChannel(roomChannel(roomId), "room:member:updated", { roomId, membership: view });
  return view;
}

/** Removed at once, and cannot rejoin until unbanned. */
export async function banMember(db: Db, { roomId, actorId, targetId: userId, reason }: RoomAction & { reason?: string }): Promise<void> {
  await consumeLimit("memberChange", actorId);
  const { role, room } = await requireStaff(db, roomId, actorId);
  if (!(await db.user.findUnique({ where: { id: userId }, select: { id: true } }))) throw notFound("No such user");
  await requireActionOn(db, { room: { id: roomId, creatorId: room.creatorId }, actor: { id: actorId, role }, targetId: userId });
  await db.$transaction([
    db.roomMember.deleteMany({ where: { roomId, userId } }),
    db.roomBan.upsert({
      where: { roomId_userId: { roomId, userId } },
      create: { roomId, userId, bannedById: actorId, reason: reason || null },
      update: { bannedById: actorId, reason: reason || null },
    }),
    db.moderationLogEntry.create({ data: { roomId, actorId, action: "ban", targetUserId: userId, reason: reason || null } }),
  ]);
  // Tell the room (the banned member's sockets included), then take their sockets out.
  events().toChannel(roomChannel(roomId), "room:member:banned", { roomId, userId });
  events().leave(userId, roomChannel(roomId));
}

/** The creator lifts any ban; a moderator only those not placed by the creator. */
export async function unbanMember(db: Db, { roomId, actorId, targetId: userId }: RoomAction): Promise<void> {
  await consumeLimit("memberChange", actorId);
  const { role, room } = await requireStaff(db, roomId, actorId);
  const ban = await db.roomBan.findUnique({ where: { roomId_userId: { roomId, userId } } });
  if (!ban) throw notFound("Not banned");
  if (role !== "creator" && ban.bannedById === room.creatorId) throw new DomainError("CREATOR_BAN", "Only the room's creator can lift a ban they placed.");
  const removed = await db.roomBan.deleteMany({ where: { roomId, userId, bannedById: ban.bannedById } });
  if (removed.count === 0) throw notFound("Not banned");
  await logModeration(db, { roomId, actorId, action: "unban", targetUserId: userId });
}

export async function listBans(db: Db, roomId: string, actorId: string) {
  await requireStaff(db, roomId, actorId);
  const bans = await db.roomBan.findMany({ where: { roomId }, orderBy: { createdAt: "desc" } });
  const people = await db.user.findMany({ where: { id: { in: bans.map((b) => b.userId) } }, select: { id: true, username: true, displayName: true, avatarUrl: true } });
  const byId = new Map(people.map((p) => [p.id, p]));
  return bans.map((b) => ({ user: byId.get(b.userId) ?? null, userId: b.userId, reason: b.reason, createdAt: b.createdAt.toISOString() }));
}

/** Can read, cannot post, until the time is up. */
export async function timeOutMember(db: Db, { roomId, actorId, targetId: userId, minutes, reason }: RoomAction & { minutes: number; reason?: string }, now = new Date()) {
  await consumeLimit("memberChange", actorId);
  const { role, room } = await requireStaff(db, roomId, actorId);
  const target = await requireActionOn(db, { room: { id: roomId, creatorId: room.creatorId }, actor: { id: actorId, role }, targetId: userId });
  if (!target) throw notFound("Not a member of this room");
  if (!(ROOMS.timeoutMinutes as readonly number[]).includes(minutes)) throw new DomainError("VALIDATION_FAILED", "minutes: not an offered duration");
  const until = new Date(now.getTime() + minutes * 60_000);
  const [timeout] = await db.$transaction([
    db.roomTimeout.create({ data: { roomId, userId, byId: actorId, until, reason: reason || null } }),
    db.moderationLogEntry.create({ data: { roomId, actorId, action: "timeout", targetUserId: userId, reason: reason || null, details: { minutes, until: until.toISOString() } } }),
  ]);
  events().toChannel(roomChannel(roomId), "room:member:timedout", { roomId, userId, until: until.toISOString() });
  return { timeout: { roomId, userId, until: timeout.until.toISOString(), minutes } };
}
