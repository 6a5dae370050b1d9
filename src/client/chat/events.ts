// Socket.IO pushes, translated into the reducer's events. Unknown events are ignored.
import type { ChatEvent, ConversationView, MessageView } from "./types";

/** How long a typing indicator stays after the last `typing` push. */
export const TYPING_SHOWN_MS = 6_000;

export function toChatEvent(name: string, payload: unknown, now: number): ChatEvent | null {
  const p = (payload ?? {}) as Record<string, unknown>;
  switch (name) {
    case "message:new":
    case "message:updated":
      return p.message ? { type: name, message: p.message as MessageView } : null;
    case "read":
      return { type: "read", conversationId: String(p.conversationId), userId: String(p.userId), seq: Number(p.seq) };
    case "typing":
      return { type: "typing", conversationId: String(p.conversationId), userId: String(p.userId), until: now + TYPING_SHOWN_MS };
    case "conversation:new":
      return p.conversation ? { type: "conversation:new", conversation: p.conversation as ConversationView } : null;
    case "conversation:updated":
      return p.conversation ? { type: "conversation:updated", conversation: p.conversation as ConversationView } : null;
    case "conversation:removed":
      return typeof p.conversationId === "string" ? { type: "conversation:removed", conversationId: p.conversationId } : null;
    case "media:played":
      return typeof p.conversationId === "string" && typeof p.messageId === "string" && typeof p.mediaId === "string" && typeof p.userId === "string"
        ? { type: "media:played", conversationId: p.conversationId, messageId: p.messageId, mediaId: p.mediaId, userId: p.userId }
        : null;
    default:
      return null;
  }
}
