// The moderation log: who did what, to whom, when and why. Readable by staff only.
import type { Db } from "@/db/client";
import type { ModerationAction } from "@/shared/schemas/rooms";
import { ROOMS } from "@/shared/limits";
import { requireStaff } from "./access";
import { personSelect, type ModerationLogView } from "./view";

type Writer = Pick<Db, "moderationLogEntry">;

export async function logModeration(
  db: Writer,
  entry: { roomId: string; actorId: string; action: ModerationAction; targetUserId?: string; targetMessageId?: string; reason?: string | null; details?: unknown },
) {
  await db.moderationLogEntry.create({
    data: {
      roomId: entry.roomId,
      actorId: entry.actorId,
      action: entry.action,
      targetUserId: entry.targetUserId ?? null,
      targetMessageId: entry.targetMessageId ?? null,
      reason: entry.reason || null,
      details: (entry.details ?? undefined) as never,
    },
  });
}

export async function readModerationLog(db: Db, roomId: string, userId: string): Promise<ModerationLogView[]> {
  await requireStaff(db, roomId, userId);
  const rows = await db.moderationLogEntry.findMany({ where: { roomId }, orderBy: { createdAt: "desc" }, take: ROOMS.moderationLogPageSize });
  const ids = [...new Set(rows.flatMap((r) => [r.actorId, r.targetUserId]).filter((x): x is string => !!x))];
  const people = new Map((await db.user.findMany({ where: { id: { in: ids } }, select: personSelect })).map((p) => [p.id, p]));
  return rows.map((r) => ({
    id: r.id,
    roomId: r.roomId,
    action: r.action as ModerationAction,
    actor: people.get(r.actorId) ?? null,
    target: r.targetUserId ? (people.get(r.targetUserId) ?? null) : null,
    targetMessageId: r.targetMessageId,
    reason: r.reason,
    details: r.details ?? null,
    createdAt: r.createdAt.toISOString(),
  }));
}
