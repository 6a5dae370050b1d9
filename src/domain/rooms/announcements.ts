// Launch and live promotions: pinned with a countdown; members get a notice when one starts.
import type { Db } from "@/db/client";
import { DomainError, notFound } from "@/domain/errors";
import { events } from "@/domain/events";
import { ROOMS } from "@/shared/limits";
import type { CreateAnnouncementInput } from "@/shared/schemas/rooms";
import { requireCreator, requireRoomMember } from "./access";
import { roomChannel, toAnnouncementView, type AnnouncementView } from "./view";

const postSelect = { id: true, title: true, thumbnailUrl: true } as const;

export async function createAnnouncement(db: Db, roomId: string, userId: string, input: CreateAnnouncementInput, now = new Date()): Promise<AnnouncementView> {
  const { room } = await requireCreator(db, roomId, userId);
  const startsAt = new Date(input.startsAt);
  if (startsAt.getTime() <= now.getTime()) throw new DomainError("VALIDATION_FAILED", "startsAt: must be in the future");
  if (input.postId) {
    const post = await db.post.findUnique({ where: { id: input.postId }, select: { creatorId: true } });
    if (!post || post.creatorId !== room.creatorId) throw notFound("No such post");
  }
  const row = await db.announcement.create({
    data: { roomId, kind: input.kind, title: input.title, startsAt, postId: input.postId ?? null, url: input.url ?? null, createdById: userId },
    include: { post: { select: postSelect } },
  });
  const announcement = toAnnouncementView(row, now);
  events().toChannel(roomChannel(roomId), "room:announcement", { roomId, announcement, state: "scheduled" });
  return announcement;
}

/** Pinned: upcoming ones, and those that started in the last few hours. Soonest first. */
export async function listAnnouncements(db: Db, roomId: string, userId: string, now = new Date()): Promise<AnnouncementView[]> {
  await requireRoomMember(db, roomId, userId);
  const rows = await db.announcement.findMany({
    where: { roomId, startsAt: { gt: new Date(now.getTime() - ROOMS.announcementPinnedAfterStartMs) } },
    orderBy: { startsAt: "asc" },
    include: { post: { select: postSelect } },
  });
  return rows.map((r) => toAnnouncementView(r, now));
}

/**
 * Tells each room whose announcement has started. The claim on notifiedAt makes it
 * once only, across restarts and nodes; one that started while the server was down
 * is still announced if it is pinned.
 */
export async function notifyStartedAnnouncements(db: Db, now = new Date()): Promise<number> {
  const due = await db.announcement.findMany({ where: { notifiedAt: null, startsAt: { lte: now } }, include: { post: { select: postSelect } }, take: 500 });
  let sent = 0;
  for (const row of due) {
    const claimed = await db.announcement.updateMany({ where: { id: row.id, notifiedAt: null }, data: { notifiedAt: now } });
    if (claimed.count !== 1) continue;
    if (now.getTime() - row.startsAt.getTime() > ROOMS.announcementPinnedAfterStartMs) continue;
    events().toChannel(roomChannel(row.roomId), "room:announcement", { roomId: row.roomId, announcement: toAnnouncementView(row, now), state: "started" });
    sent++;
  }
  return sent;
}
