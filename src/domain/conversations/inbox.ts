// The inbox: the caller's direct and group conversations, sorted by last activity,
// each with its preview, unread count and state (active or request). Three queries
// whatever the number of conversations.
import type { Db } from "@/db/client";
import type { ConversationView } from "@/shared/views";
import { loadForMember, requireDmUser } from "./access";
import { activeMembersInclude, blocksAmong, isVisibleTo, lastMessages, toConversationView } from "./view";

export async function listConversations(db: Db, userId: string): Promise<ConversationView[]> {
  await requireDmUser(db, userId);
  const memberships = await db.conversationMember.findMany({
    where: { userId, leftAt: null, conversation: { kind: { in: ["direct", "group"] } } },
    include: { conversation: { include: activeMembersInclude } },
  });
  const visible = memberships.filter((m) => isVisibleTo(m.conversation, m)).map((m) => m.conversation);
  visible.sort((a, b) => b.lastMessageAt.getTime() - a.lastMessageAt.getTime() || (a.id < b.id ? 1 : -1));
  const [last, blocks] = await Promise.all([lastMessages(db, visible), blocksAmong(db, userId, visible)]);
  return visible.map((c) => toConversationView(c, userId, last.get(c.id) ?? null, blocks));
}

/** One conversation for one of its members (also when they deleted it: they may open it again). */
export async function getConversation(db: Db, userId: string, conversationId: string): Promise<ConversationView> {
  const { conversation } = await loadForMember(db, conversationId, userId);
  const [last, blocks] = await Promise.all([lastMessages(db, [conversation]), blocksAmong(db, userId, [conversation])]);
  return toConversationView(conversation, userId, last.get(conversation.id) ?? null, blocks);
}
