// Creating, listing, reading and updating rooms.
import crypto from "node:crypto";
import type { Db } from "@/db/client";
import { DomainError, notFound } from "@/domain/errors";
import { events } from "@/domain/events";
import { roomEligibility } from "@/domain/platform/room-eligibility";
import { ageOn } from "@/shared/age";
import { ROOMS } from "@/shared/limits";
import type { CreateRoomInput, RoomAudience, RoomRole, UpdateRoomInput } from "@/shared/schemas/rooms";
import { activeTimeout, isStaff, requireRoomMember, requireStaff } from "./access";
import { fanClubActiveSince, isInAudience } from "./admission";
import { logModeration } from "./log";
import { invitePictureUrl, requireRoomPicture, roomPictureUrl } from "./picture";
import { personSelect, roomChannel, type RoomView } from "./view";

const INVITE_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

function newInviteCode(): string {
  const bytes = crypto.randomBytes(ROOMS.inviteCodeLength);
  return Array.from(bytes, (b) => INVITE_ALPHABET[b % INVITE_ALPHABET.length]).join("");
}

const roomInclude = { creator: { select: personSelect }, _count: { select: { members: true } } } as const;

type RoomRow = {
  id: string;
  name: string;
  description: string;
  pictureMediaId: string | null;
  audience: string;
  slowModeSeconds: number;
  inviteCode: string;
  createdAt: Date;
  creator: { id: string; username: string; displayName: string; avatarUrl: string | null; isBot: boolean };
  _count: { members: number };
};

export function toRoomView(row: RoomRow, viewer?: { role?: RoomRole; timedOutUntil?: Date | null }): RoomView {
  const view: RoomView = {
    id: row.id,
    name: row.name,
    description: row.description,
    pictureUrl: roomPictureUrl(row.pictureMediaId),
    audience: row.audience as RoomAudience,
    slowModeSeconds: row.slowModeSeconds,
    creator: row.creator,
    memberCount: row._count.members,
    createdAt: row.createdAt.toISOString(),
  };
  if (viewer?.role) view.myRole = viewer.role;
  if (viewer?.role && isStaff(viewer.role)) view.inviteCode = row.inviteCode;
  if (viewer?.timedOutUntil) view.timedOutUntil = viewer.timedOutUntil.toISOString();
  return view;
}

/** Whether the creator has turned on what the audience needs (subscriptions, the fan club, or either). */
function audienceAvailable(audience: RoomAudience, profile: { subscriptionsEnabled: boolean; fanClubEnabled: boolean }) {
  if (audience === "subscribers") return profile.subscriptionsEnabled;
  if (audience === "fanclub") return profile.fanClubEnabled;
  return profile.subscriptionsEnabled || profile.fanClubEnabled;
}

export async function createRoom(db: Db, creatorId: string, input: CreateRoomInput): Promise<RoomView> {
  const eligibility = await roomEligibility(db, creatorId);
  if (!eligibility.eligible) {
    throw new DomainError("NOT_ELIGIBLE", `Not eligible: ${eligibility.reasons.join(", ")}`, { details: { ...eligibility } });
  }
  const profile = await db.creatorProfile.findUnique({ where: { userId: creatorId } });
  if (!profile || !audienceAvailable(input.audience, profile)) {
    throw new DomainError("NOT_AVAILABLE", `The ${input.audience} audience is not switched on for this creator.`);
  }
  const roomId = await db.$transaction(async (tx) => {
    // Touching the creator's row serializes concurrent creates (row lock on PostgreSQL,
    // the write lock on SQLite), so the count below cannot be raced past the limit.
    await tx.user.update({ where: { id: creatorId }, data: { followerCount: { increment: 0 } } });
    const owned = await tx.creatorRoom.count({ where: { creatorId } });
    if (owned >= ROOMS.maxRoomsPerCreator) {
      throw new DomainError("ROOM_LIMIT_REACHED", `A creator can have up to ${ROOMS.maxRoomsPerCreator} rooms.`, { details: { max: ROOMS.maxRoomsPerCreator } });
    }
    const room = await tx.creatorRoom.create({
      data: {
        creatorId,
        name: input.name,
        description: input.description ?? "",
        audience: input.audience,
        inviteCode: newInviteCode(),
        members: { create: { userId: creatorId, role: "creator" } },
      },
    });
    await tx.conversation.create({
      data: { kind: "topic", title: "General", createdById: creatorId, topic: { create: { roomId: room.id, title: "General", isGeneral: true, createdById: creatorId } } },
    });
    return room.id;
  });
  events().join(creatorId, roomChannel(roomId));
  return getRoom(db, roomId, creatorId);
}

/** A room as its member sees it; outsiders get NOT_FOUND. */
export async function getRoom(db: Db, roomId: string, userId: string): Promise<RoomView> {
  const { role } = await requireRoomMember(db, roomId, userId);
  const row = await db.creatorRoom.findUniqueOrThrow({ where: { id: roomId }, include: roomInclude });
  const timeout = await activeTimeout(db, roomId, userId);
  return toRoomView(row, { role, timedOutUntil: timeout?.until });
}

/** Rooms the user owns or joined, the newest first. */
export async function listMyRooms(db: Db, userId: string): Promise<RoomView[]> {
  const memberships = await db.roomMember.findMany({
    where: { userId },
    include: { room: { include: roomInclude } },
    orderBy: { joinedAt: "desc" },
  });
  return memberships.map((m) => toRoomView(m.room, { role: m.role as RoomRole }));
}

/**
 * Rooms the user could join: those of creators they subscribe to or are a fan of, with
 * an audience that includes them; not joined, not banned. Nothing under 16.
 * With `creatorId`, only that creator's rooms (for their profile).
 */
export async function listJoinableRooms(db: Db, userId: string, options: { creatorId?: string } = {}): Promise<RoomView[]> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { birthDate: true } });
  if (!user || ageOn(user.birthDate) < ROOMS.memberMinAge) return [];
  const [subs, fans] = await Promise.all([
    db.subscription.findMany({ where: { subscriberId: userId, ...(options.creatorId ? { creatorId: options.creatorId } : {}) }, select: { creatorId: true } }),
    db.fanClubMembership.findMany({
      where: { fanId: userId, lastActiveAt: { gte: fanClubActiveSince(new Date()) }, ...(options.creatorId ? { creatorId: options.creatorId } : {}) },
      select: { creatorId: true },
    }),
  ]);
  const audienceWhere = [
    ...(subs.length ? [{ creatorId: { in: subs.map((s) => s.creatorId) }, audience: { in: ["subscribers", "both"] } }] : []),
    ...(fans.length ? [{ creatorId: { in: fans.map((f) => f.creatorId) }, audience: { in: ["fanclub", "both"] } }] : []),
  ];
  if (!audienceWhere.length) return [];
  const rows = await db.creatorRoom.findMany({
    where: { OR: audienceWhere, members: { none: { userId } }, bans: { none: { userId } }, creator: { blocking: { none: { blockedId: userId } } } },
    include: roomInclude,
    orderBy: { createdAt: "desc" },
  });
  return rows.map((r) => toRoomView(r));
}

/** What an invite link shows before joining: the room's face, never its contents. */
export async function roomByInviteCode(db: Db, inviteCode: string, viewerId?: string): Promise<RoomView> {
  const row = await db.creatorRoom.findUnique({ where: { inviteCode }, include: roomInclude });
  if (!row) throw notFound("No such invite");
  const view: RoomView = { ...toRoomView(row), pictureUrl: invitePictureUrl(row.pictureMediaId, inviteCode) };
  if (viewerId && (await isBannedFrom(db, row.id, viewerId))) view.viewerBanned = true;
  return view;
}

/**
 * A room seen from outside, by someone not in it: its face for a fan of its audience (who
 * may join), or with viewerBanned for someone banned from it; null to anyone else (to them
 * it does not exist).
 */
export async function roomFromOutside(db: Db, roomId: string, viewerId: string): Promise<RoomView | null> {
  const row = await db.creatorRoom.findUnique({ where: { id: roomId }, include: roomInclude });
  if (!row) return null;
  // Banned: told so (they were in it), whether or not they are still in the audience.
  if (await isBannedFrom(db, row.id, viewerId)) return { ...toRoomView(row), viewerBanned: true };
  return (await isInAudience(db, row, viewerId)) ? toRoomView(row) : null;
}

/** Whether the user is in the room (any role). */
export async function isRoomMember(db: Db, roomId: string, userId: string): Promise<boolean> {
  return !!(await db.roomMember.findUnique({ where: { roomId_userId: { roomId, userId } }, select: { roomId: true } }));
}

/** Whether a moderator banned this person from the room (they may not join again until unbanned). */
export async function isBannedFrom(db: Db, roomId: string, userId: string): Promise<boolean> {
  return !!(await db.roomBan.findUnique({ where: { roomId_userId: { roomId, userId } }, select: { roomId: true } }));
}

/** Name and description: the creator. Slow mode: the creator and moderators. */
export async function updateRoom(db: Db, roomId: string, userId: string, input: UpdateRoomInput): Promise<RoomView> {
  const { role, room } = await requireStaff(db, roomId, userId);
  if ((input.name !== undefined || input.description !== undefined || input.pictureMediaId !== undefined) && role !== "creator") {
    throw new DomainError("FORBIDDEN", "Only the room's creator can rename it or change its picture.");
  }
  if (input.pictureMediaId) await requireRoomPicture(db, roomId, userId, input.pictureMediaId);
  await db.creatorRoom.update({
    where: { id: roomId },
    data: {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.pictureMediaId !== undefined ? { pictureMediaId: input.pictureMediaId } : {}),
      ...(input.slowModeSeconds !== undefined ? { slowModeSeconds: input.slowModeSeconds } : {}),
    },
  });
  if (input.slowModeSeconds !== undefined && input.slowModeSeconds !== room.slowModeSeconds) {
    await logModeration(db, { roomId, actorId: userId, action: "slow_mode", details: { seconds: input.slowModeSeconds, was: room.slowModeSeconds } });
  }
  const view = await getRoom(db, roomId, userId);
  const { inviteCode: _secret, myRole: _role, timedOutUntil: _t, ...shared } = view;
  events().toChannel(roomChannel(roomId), "room:updated", { roomId, room: shared });
  return view;
}
