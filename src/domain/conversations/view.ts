// A conversation as one member sees it. The shared part (members, title, last message)
// is loaded once; the viewer's part (state, unread, mute, read position) comes from
// their own membership row, so one load serves the views pushed to every member.
import type { Db } from "@/db/client";
import { messageInclude, toMessageView, type MessageView } from "@/domain/messages/view";
import type { ConversationView, MemberView } from "@/shared/views";
import { loadConversation } from "./load";
import { messageFor } from "./visibility";

export { loadConversation };

export const memberUserSelect = { id: true, username: true, displayName: true, avatarUrl: true, birthDate: true, dmPolicy: true, nudityFilter: true, isBot: true } as const;

/** The active members of a conversation with what views and rules need of each. */
export const activeMembersInclude = {
  members: { where: { leftAt: null }, include: { user: { select: memberUserSelect } }, orderBy: { joinedAt: "asc" } },
} as const;

export interface MemberRow {
  userId: string;
  role: string;
  state: string;
  lastReadSeq: number;
  muted: boolean;
  hiddenUpToSeq: number;
  leftAt: Date | null;
  user: { id: string; username: string; displayName: string; avatarUrl: string | null; birthDate: string; dmPolicy: string | null; nudityFilter: boolean; isBot: boolean };
}

export interface ConversationRow {
  id: string;
  kind: string;
  title: string | null;
  createdById: string;
  lastSeq: number;
  lastMessageAt: Date;
  /** What a send's checks read is current while this has not moved (see send-context.ts); set by loadConversation. */
  policyVersion?: number;
  members: MemberRow[];
}

function memberView(m: MemberRow, viewerId: string): MemberView {
  return {
    id: m.userId,
    username: m.user.username,
    displayName: m.user.displayName,
    avatarUrl: m.user.avatarUrl,
    isBot: m.user.isBot,
    role: m.role as MemberView["role"],
    state: m.state === "request" ? "request" : "accepted",
    // A member who has not accepted reads in private.
    lastReadSeq: m.state === "request" && m.userId !== viewerId ? 0 : m.lastReadSeq,
  };
}

export function unreadCount(conversation: { lastSeq: number }, me: { lastReadSeq: number; hiddenUpToSeq: number }): number {
  return Math.max(0, conversation.lastSeq - Math.max(me.lastReadSeq, me.hiddenUpToSeq));
}

/** Is the conversation in this member's inbox? Not when they deleted it and nothing came since. */
export const isVisibleTo = (conversation: { lastSeq: number }, me: { hiddenUpToSeq: number }) => conversation.lastSeq > me.hiddenUpToSeq;

export type BlockRow = { blockerId: string; blockedId: string };

export function toConversationView(conversation: ConversationRow, viewerId: string, lastMessage: MessageView | null, blocks: readonly BlockRow[] = []): ConversationView {
  const me = conversation.members.find((m) => m.userId === viewerId);
  const blocked = conversation.kind === "direct" && blocks.some((b) => b.blockerId === viewerId && conversation.members.some((m) => m.userId === b.blockedId));
  const hiddenUpToSeq = me?.hiddenUpToSeq ?? 0;
  return {
    id: conversation.id,
    kind: conversation.kind === "group" ? "group" : "direct",
    title: conversation.kind === "group" ? conversation.title : null,
    createdById: conversation.createdById,
    members: conversation.members.filter((m) => !m.leftAt).map((m) => memberView(m, viewerId)),
    lastMessage: lastMessage ? messageFor({ hiddenUpToSeq }, lastMessage) : null,
    lastSeq: conversation.lastSeq,
    lastMessageAt: conversation.lastMessageAt.toISOString(),
    unreadCount: me ? unreadCount(conversation, me) : 0,
    state: me?.state === "request" ? "request" : "active",
    muted: me?.muted ?? false,
    lastReadSeq: me?.lastReadSeq ?? 0,
    hiddenUpToSeq,
    blocked,
  };
}

/** The blocks between the members of direct conversations (for `blocked` in their views). */
export async function blocksAmong(db: Db, viewerId: string, conversations: ConversationRow[]): Promise<BlockRow[]> {
  const others = conversations
    .filter((c) => c.kind === "direct")
    .flatMap((c) => c.members.map((m) => m.userId))
    .filter((id) => id !== viewerId);
  if (!others.length) return [];
  return db.userBlock.findMany({ where: { blockerId: viewerId, blockedId: { in: [...new Set(others)] } }, select: { blockerId: true, blockedId: true } });
}

/** The last message of each conversation, in one query. */
export async function lastMessages(db: Db, conversations: { id: string; lastSeq: number }[]): Promise<Map<string, MessageView>> {
  const wanted = conversations.filter((c) => c.lastSeq > 0);
  const result = new Map<string, MessageView>();
  for (let i = 0; i < wanted.length; i += 200) {
    const chunk = wanted.slice(i, i + 200);
    const rows = await db.message.findMany({
      where: { OR: chunk.map((c) => ({ conversationId: c.id, seq: c.lastSeq })) },
      include: messageInclude,
    });
    for (const row of rows) result.set(row.conversationId, toMessageView(row));
  }
  return result;
}

/** The views of one conversation for several of its members (one load for all). */
export async function conversationViewsFor(db: Db, conversationId: string, userIds?: readonly string[]): Promise<Map<string, ConversationView>> {
  const conversation = await loadConversation(db, conversationId);
  const views = new Map<string, ConversationView>();
  if (!conversation) return views;
  const ids = (userIds ?? conversation.members.map((m) => m.userId)).filter((id) => conversation.members.some((m) => m.userId === id));
  const [last, blocks] = await Promise.all([
    lastMessages(db, [conversation]),
    conversation.kind === "direct" && ids.length
      ? db.userBlock.findMany({ where: { blockerId: { in: ids }, blockedId: { in: conversation.members.map((m) => m.userId) } }, select: { blockerId: true, blockedId: true } })
      : [],
  ]);
  for (const id of ids) views.set(id, toConversationView(conversation, id, last.get(conversation.id) ?? null, blocks));
  return views;
}
