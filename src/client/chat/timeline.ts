// What the chat view shows, derived from the state: messages in seq order with day
// separators, then the outbox's messages still on their way, and who has seen what.
import { memberRead } from "./reducer";
import type { ChatState, ConversationView, MemberView, MessageView, OutboxItem } from "./types";

export type TimelineItem = { kind: "day"; key: string; date: string } | { kind: "message"; key: string; message: MessageView } | { kind: "pending"; key: string; item: OutboxItem };

export function timeline(state: ChatState, outbox: OutboxItem[], conversationId: string): TimelineItem[] {
  const messages = Object.values(state.messages[conversationId] ?? {}).sort((a, b) => a.seq - b.seq);
  const items: TimelineItem[] = [];
  let day = "";
  const pushDay = (iso: string) => {
    const d = iso.slice(0, 10);
    if (d !== day) items.push({ kind: "day", key: `day-${d}`, date: iso });
    day = d;
  };
  for (const message of messages) {
    pushDay(message.createdAt);
    items.push({ kind: "message", key: message.clientId + message.senderId, message });
  }
  for (const item of outbox) {
    if (item.conversationId !== conversationId) continue;
    pushDay(item.createdAt);
    // The same key as the message it becomes: the bubble stays in place when acked.
    items.push({ kind: "pending", key: item.clientId + state.me, item });
  }
  return items;
}

/** Others who have read up to this seq (for "Seen" / seen-by). */
export function seenBy(conversation: ConversationView, me: string, seq: number): MemberView[] {
  return conversation.members.filter((m) => m.id !== me && memberRead(conversation, m.id) >= seq);
}

/** The inbox, most recent activity first. */
export function sortedInbox(state: ChatState, tab: "active" | "request"): ConversationView[] {
  return Object.values(state.conversations)
    .filter((c) => c.state === tab)
    .sort((a, b) => activity(b).localeCompare(activity(a)));
}

function activity(c: ConversationView): string {
  return c.lastMessage?.createdAt ?? (typeof c.lastMessageAt === "string" ? c.lastMessageAt : "") ?? "";
}

export function typingMembers(state: ChatState, conversation: ConversationView, now: number): MemberView[] {
  const typing = state.typing[conversation.id] ?? {};
  return conversation.members.filter((m) => (typing[m.id] ?? 0) > now);
}

/** A conversation's name: the group's title, or the other person in a 1:1. */
export function conversationTitle(conversation: ConversationView, me: string): string {
  if (conversation.title) return conversation.title;
  const others = conversation.members.filter((m) => m.id !== me);
  return others.map((m) => m.displayName).join(", ") || conversation.members[0]?.displayName || "";
}

export function memberById(conversation: ConversationView | undefined, id: string): MemberView | undefined {
  return conversation?.members.find((m) => m.id === id);
}
