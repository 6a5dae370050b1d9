// Reporting a user (optionally about one of their messages). Reports are stored for review;
// reporting the same thing twice while the first is still open keeps one report.
import { consumeLimit } from "@/domain/limits/consume";
import type { Db } from "@/db/client";
import { DomainError, notFound } from "@/domain/errors";
import type { ReportInput, ReportReason } from "@/shared/schemas/safety";

export interface ReportView {
  id: string;
  reportedUserId: string;
  reason: ReportReason;
  details: string | null;
  messageId: string | null;
  status: string;
  createdAt: string;
}

type ReportRow = { id: string; reportedUserId: string; reason: string; details: string | null; messageId: string | null; status: string; createdAt: Date };

const toView = (r: ReportRow): ReportView => ({
  id: r.id,
  reportedUserId: r.reportedUserId,
  reason: r.reason as ReportReason,
  details: r.details,
  messageId: r.messageId,
  status: r.status,
  createdAt: r.createdAt.toISOString(),
});

/** The message must be theirs and in a conversation the reporter is or was in; anything else is NOT_FOUND. */
async function requireReportableMessage(db: Db, reporterId: string, reportedUserId: string, messageId: string) {
  const message = await db.message.findUnique({ where: { id: messageId }, select: { senderId: true, conversationId: true } });
  if (!message || message.senderId !== reportedUserId) throw notFound("No such message");
  const member = await db.conversationMember.findUnique({
    where: { conversationId_userId: { conversationId: message.conversationId, userId: reporterId } },
    select: { userId: true },
  });
  if (!member) throw notFound("No such message");
}

export async function reportUser(db: Db, reporterId: string, reportedUserId: string, input: ReportInput): Promise<{ report: ReportView; created: boolean }> {
  await consumeLimit("report", reporterId);
  if (reporterId === reportedUserId) throw new DomainError("NOT_ALLOWED", "You can't report yourself.");
  const reported = await db.user.findUnique({ where: { id: reportedUserId }, select: { id: true } });
  if (!reported) throw notFound("No such user");
  if (input.messageId) await requireReportableMessage(db, reporterId, reportedUserId, input.messageId);

  const messageId = input.messageId ?? null;
  const open = await db.report.findFirst({ where: { reporterId, reportedUserId, reason: input.reason, messageId, status: "open" } });
  if (open) return { report: toView(open), created: false };
  const report = await db.report.create({
    data: { reporterId, reportedUserId, reason: input.reason, details: input.details || null, messageId },
  });
  return { report: toView(report), created: true };
}
