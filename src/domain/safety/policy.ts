// Who the nudity filter protects. A visual is checked when the sender is under 18 or has
// the filter on, or when anyone it would reach is under 18 or has the filter on; in
// creator chat rooms (topic conversations) always.
import type { Db } from "@/db/client";
import { effectiveNudityFilter } from "@/domain/accounts/view";
import { notFound } from "@/domain/errors";

type FilterFacts = { birthDate: string; nudityFilter: boolean };

/** The pure rule over facts already loaded. */
export function visualNeedsScreening(facts: { conversationKind: string; sender: FilterFacts; recipients: readonly FilterFacts[] }, now = new Date()): boolean {
  if (facts.conversationKind === "topic") return true;
  return [facts.sender, ...facts.recipients].some((user) => effectiveNudityFilter(user, now));
}

/** Would a visual sent by `senderId` into this conversation, now, need screening? */
export async function needsScreening(db: Db, senderId: string, conversationId: string, now = new Date()): Promise<boolean> {
  const conversation = await db.conversation.findUnique({
    where: { id: conversationId },
    select: {
      kind: true,
      members: { where: { leftAt: null }, select: { userId: true, user: { select: { birthDate: true, nudityFilter: true } } } },
    },
  });
  if (!conversation) throw notFound("No such conversation");
  const sender = await db.user.findUnique({ where: { id: senderId }, select: { birthDate: true, nudityFilter: true } });
  if (!sender) throw notFound("No such user");
  const recipients = conversation.members.filter((m) => m.userId !== senderId).map((m) => m.user);
  return visualNeedsScreening({ conversationKind: conversation.kind, sender, recipients }, now);
}
