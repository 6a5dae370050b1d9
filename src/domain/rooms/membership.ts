// Joining and leaving a room, and its member list.
import type { Db } from "@/db/client";
import { DomainError, notFound } from "@/domain/errors";
import { events } from "@/domain/events";
import { ageOn } from "@/shared/age";
import { ROOMS } from "@/shared/limits";
import type { RoomRole } from "@/shared/schemas/rooms";
import { requireRoomMember } from "./access";
import { admissionRefusal } from "./admission";
import { personSelect, roomChannel, toMembershipView, type MemberView, type MembershipView } from "./view";

const roleOrder: Record<RoomRole, number> = { creator: 0, moderator: 1, member: 2 };

export async function joinRoom(db: Db, roomId: string, userId: string): Promise<{ membership: MembershipView; joined: boolean }> {
  const [room, user] = await Promise.all([db.creatorRoom.findUnique({ where: { id: roomId } }), db.user.findUnique({ where: { id: userId }, select: { birthDate: true } })]);
  if (!room || !user) throw notFound("No such room");
  if (ageOn(user.birthDate) < ROOMS.memberMinAge) throw new DomainError("AGE_RESTRICTED", "Rooms are for people aged 16 and over.");
  if (await db.roomBan.findUnique({ where: { roomId_userId: { roomId, userId } } })) throw new DomainError("BANNED", "You are banned from this room.");
  const refusal = await admissionRefusal(db, room, userId);
  if (refusal === "BLOCKED") throw new DomainError("BLOCKED", "The room's creator has blocked you.");
  if (refusal) throw new DomainError("NOT_IN_AUDIENCE", "This room is for the creator's subscribers or fan club.");
  const existing = await db.roomMember.findUnique({ where: { roomId_userId: { roomId, userId } } });
  if (existing) return { membership: toMembershipView(existing), joined: false };

  const result = await db.$transaction(async (tx) => {
    // Lock the room row first: concurrent joins then count one after another, so the
    // room never goes past its size (PostgreSQL: row lock; SQLite: one writer).
    await tx.creatorRoom.update({ where: { id: roomId }, data: { slowModeSeconds: { increment: 0 } } });
    const again = await tx.roomMember.findUnique({ where: { roomId_userId: { roomId, userId } } });
    if (again) return { member: again, joined: false };
    if (await tx.roomBan.findUnique({ where: { roomId_userId: { roomId, userId } } })) throw new DomainError("BANNED", "You are banned from this room.");
    const count = await tx.roomMember.count({ where: { roomId } });
    if (count >= ROOMS.maxParticipants) {
      throw new DomainError("ROOM_FULL", `A room holds up to ${ROOMS.maxParticipants} people.`, { details: { max: ROOMS.maxParticipants } });
    }
    return { member: await tx.roomMember.create({ data: { roomId, userId, role: "member" } }), joined: true };
  });
  if (result.joined) {
    events().join(userId, roomChannel(roomId));
    const member = await memberView(db, roomId, userId);
    if (member) events().toChannel(roomChannel(roomId), "room:member:joined", { roomId, member });
  }
  return { membership: toMembershipView(result.member), joined: result.joined };
}

export async function leaveRoom(db: Db, roomId: string, userId: string): Promise<void> {
  const { role } = await requireRoomMember(db, roomId, userId);
  if (role === "creator") throw new DomainError("FORBIDDEN", "The creator can't leave their own room.");
  await db.roomMember.delete({ where: { roomId_userId: { roomId, userId } } });
  events().toChannel(roomChannel(roomId), "room:member:left", { roomId, userId });
  events().leave(userId, roomChannel(roomId));
}

async function memberView(db: Db, roomId: string, userId: string): Promise<MemberView | null> {
  const m = await db.roomMember.findUnique({ where: { roomId_userId: { roomId, userId } }, include: { user: { select: personSelect } } });
  return m ? { ...m.user, role: m.role as RoomRole, joinedAt: m.joinedAt.toISOString() } : null;
}

/** Every participant (at most 300): the creator, then moderators, then members by arrival. */
export async function listMembers(db: Db, roomId: string, userId: string): Promise<MemberView[]> {
  await requireRoomMember(db, roomId, userId);
  const [rows, timeouts] = await Promise.all([
    db.roomMember.findMany({ where: { roomId }, include: { user: { select: personSelect } }, orderBy: { joinedAt: "asc" } }),
    db.roomTimeout.findMany({ where: { roomId, until: { gt: new Date() } } }),
  ]);
  const until = new Map<string, Date>();
  for (const t of timeouts) if (!until.has(t.userId) || until.get(t.userId)! < t.until) until.set(t.userId, t.until);
  return rows
    .map((m) => ({
      ...m.user,
      role: m.role as RoomRole,
      joinedAt: m.joinedAt.toISOString(),
      ...(until.has(m.userId) ? { timedOutUntil: until.get(m.userId)!.toISOString() } : {}),
    }))
    .sort((a, b) => roleOrder[a.role] - roleOrder[b.role]);
}
