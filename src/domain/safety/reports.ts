// Reporting a user (optionally about one of their messages). Reports are stored for review;
// reporting the same thing twice while the first is still open keeps one report. A room
// message's report also goes to that room's creator and moderators.
import { consumeLimit } from "@/domain/limits/consume";
import type { Db } from "@/db/client";
import { DomainError, notFound } from "@/domain/errors";
import { requireStaff, requireTopicConversationAccess } from "@/domain/rooms/access";
import type { ReportInput, ReportReason } from "@/shared/schemas/safety";

export interface ReportView {
  id: string;
  reportedUserId: string;
  reason: ReportReason;
  details: string | null;
  messageId: string | null;
  roomId: string | null;
  status: string;
  createdAt: string;
}

export interface RoomReportView extends ReportView {
  reportedUser: { id: string; username: string; displayName: string };
}

type ReportRow = { id: string; reportedUserId: string; reason: string; details: string | null; messageId: string | null; roomId: string | null; status: string; createdAt: Date };

const toView = (r: ReportRow): ReportView => ({
  id: r.id,
  reportedUserId: r.reportedUserId,
  reason: r.reason as ReportReason,
  details: r.details,
  messageId: r.messageId,
  roomId: r.roomId,
  status: r.status,
  createdAt: r.createdAt.toISOString(),
});

/**
 * The message must be theirs and one the reporter can see: in a conversation they are
 * or were in, or in a room topic while they are a member of the room (the room's id is
 * returned). Anything else is NOT_FOUND.
 */
async function requireReportableMessage(db: Db, reporterId: string, reportedUserId: string, messageId: string): Promise<{ roomId: string | null }> {
  const message = await db.message.findUnique({ where: { id: messageId }, select: { senderId: true, conversationId: true } });
  if (!message || message.senderId !== reportedUserId) throw notFound("No such message");
  const room = await requireTopicConversationAccess(db, message.conversationId, reporterId);
  if (room) return { roomId: room.room.id };
  const member = await db.conversationMember.findUnique({
    where: { conversationId_userId: { conversationId: message.conversationId, userId: reporterId } },
    select: { userId: true },
  });
  if (!member) throw notFound("No such message");
  return { roomId: null };
}

export async function reportUser(db: Db, reporterId: string, reportedUserId: string, input: ReportInput): Promise<{ report: ReportView; created: boolean }> {
  await consumeLimit("report", reporterId);
  if (reporterId === reportedUserId) throw new DomainError("NOT_ALLOWED", "You can't report yourself.");
  const reported = await db.user.findUnique({ where: { id: reportedUserId }, select: { id: true } });
  if (!reported) throw notFound("No such user");
  const { roomId } = input.messageId ? await requireReportableMessage(db, reporterId, reportedUserId, input.messageId) : { roomId: null };

  const messageId = input.messageId ?? null;
  const open = await db.report.findFirst({ where: { reporterId, reportedUserId, reason: input.reason, messageId, status: "open" } });
  if (open) return { report: toView(open), created: false };
  const report = await db.report.create({
    data: { reporterId, reportedUserId, reason: input.reason, details: input.details || null, messageId, roomId },
  });
  return { report: toView(report), created: true };
}

/** The reports about a room's messages, the newest first: for its creator and moderators only. */
export async function listRoomReports(db: Db, roomId: string, actorId: string): Promise<RoomReportView[]> {
  await requireStaff(db, roomId, actorId);
  const rows = await db.report.findMany({
    where: { roomId },
    orderBy: { createdAt: "desc" },
    take: 200,
    include: { reportedUser: { select: { id: true, username: true, displayName: true } } },
  });
  // Who reported stays with the platform: the room's staff see what and whom, not by whom.
  return rows.map((r) => ({ ...toView(r), reportedUser: r.reportedUser }));
}
