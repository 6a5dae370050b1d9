import type { Db } from "@/db/client";
import { notFound } from "@/domain/errors";

/**
 * The caller's active membership of a conversation. Anyone else gets NOT_FOUND,
 * the same answer as for an id that does not exist: existence is never revealed.
 */
export async function requireMember(db: Db, conversationId: string, userId: string) {
  const member = await db.conversationMember.findUnique({
    where: { conversationId_userId: { conversationId, userId } },
  });
  if (!member || member.leftAt) throw notFound("No such conversation");
  return member;
}
