// What the conversation and message use cases push after they committed. Each member
// gets their own view of a conversation (state, unread, mute are theirs).
import { events } from "@/domain/events";
import type { MessageView } from "@/domain/messages/view";
import type { ConversationView } from "@/shared/views";
import { toConversationView, type BlockRow, type ConversationRow } from "./view";

export function pushConversation(
  event: "conversation:new" | "conversation:updated",
  conversation: ConversationRow,
  lastMessage: MessageView | null,
  userIds: readonly string[],
  blocks: readonly BlockRow[] = [],
): void {
  for (const userId of userIds) {
    events().toUsers([userId], event, { conversation: toConversationView(conversation, userId, lastMessage, blocks) });
  }
}

export function pushRemoved(userIds: readonly string[], conversationId: string): void {
  events().toUsers(userIds, "conversation:removed", { conversationId });
}

/** Pushes views built already (one per member). */
export function pushViews(event: "conversation:new" | "conversation:updated", views: Iterable<[string, ConversationView]>): void {
  for (const [userId, conversation] of views) events().toUsers([userId], event, { conversation });
}
