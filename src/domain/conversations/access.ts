import type { Db } from "@/db/client";
import { ageOf } from "@/domain/accounts/view";
import { DomainError, notFound } from "@/domain/errors";
import { AGE } from "@/shared/limits";
import { loadConversation } from "./view";

export const ageRestricted = () => new DomainError("AGE_RESTRICTED", "Direct messages are for people aged 16 and over.");

/** Under 16: no DMs, no groups, on every path. */
export function assertDmAge(user: { birthDate: string }, now = new Date()): void {
  if (ageOf(user, now) < AGE.minimumForDMs) throw ageRestricted();
}

/** The caller's account, if it may use DMs at all (AGE_RESTRICTED under 16). */
export async function requireDmUser(db: Db, userId: string) {
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, birthDate: true, locale: true } });
  if (!user) throw new DomainError("UNAUTHENTICATED", "No such account");
  assertDmAge(user);
  return user;
}

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

/**
 * A direct or group conversation with its active members, for one of them: one query.
 * AGE_RESTRICTED for an under-16 caller; NOT_FOUND when it does not exist, is a room's
 * topic, or the caller is not an active member.
 */
export async function loadForMember(db: Db, conversationId: string, userId: string) {
  const conversation = await loadConversation(db, conversationId);
  const me = conversation?.members.find((m) => m.userId === userId);
  if (!conversation || !me || (conversation.kind !== "direct" && conversation.kind !== "group")) {
    await requireDmUser(db, userId); // under 16: the age answer, never NOT_FOUND
    throw notFound("No such conversation");
  }
  assertDmAge(me.user);
  return { conversation, me };
}
