// Read receipts: a member's lastReadSeq only moves forward. Each move is pushed as
// `read` to every member, except while the reader has not accepted the conversation:
// then only to the reader's own sockets (a request is read in private).
import type { Db } from "@/db/client";
import { events } from "@/domain/events";
import { loadForMember } from "./access";
import { blockersOf } from "./blocks";

export interface ReadResult {
  conversationId: string;
  userId: string;
  /** The member's last read seq after this call (never lower than before). */
  seq: number;
}

export async function markRead(db: Db, userId: string, conversationId: string, seq: number): Promise<ReadResult> {
  const { conversation, me } = await loadForMember(db, conversationId, userId);
  const target = Math.min(seq, conversation.lastSeq);
  if (target <= me.lastReadSeq) return { conversationId, userId, seq: me.lastReadSeq };
  // Monotonic even against a concurrent read: only ever raise it.
  const { count } = await db.conversationMember.updateMany({
    where: { conversationId, userId, lastReadSeq: { lt: target } },
    data: { lastReadSeq: target },
  });
  if (count === 0) {
    const now = await db.conversationMember.findUniqueOrThrow({ where: { conversationId_userId: { conversationId, userId } }, select: { lastReadSeq: true } });
    return { conversationId, userId, seq: now.lastReadSeq };
  }
  const payload = { conversationId, userId, seq: target };
  const audience = me.state === "request" ? [userId] : conversation.members.map((m) => m.userId);
  // Whoever blocked the reader is not told what they read.
  const blockers = await blockersOf(db, userId, audience);
  events().toUsers(
    audience.filter((id) => !blockers.has(id)),
    "read",
    payload,
  );
  return payload;
}
