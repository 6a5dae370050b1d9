// The client's view of conversations and messages: the wire shapes of issue 3's contract.
import type { ConversationView, MemberView, MessageView } from "@/shared/views";
import type { MessageBody } from "@/shared/schemas/messages";

export type { ConversationView, MemberView, MessageView };

/** What the sender puts in a message, without the client id (the outbox adds it). */
export type OutgoingBody = Omit<MessageBody, "clientId">;

export interface OutboxItem {
  clientId: string;
  conversationId: string;
  body: OutgoingBody;
  createdAt: string;
  status: "sending" | "failed";
  error?: { code: string; message: string };
  /** A room topic's message: sent with room:message:send (or the room's HTTP route). */
  room?: { roomId: string; topicId: string };
  /**
   * Still sending, but held back by the server's rule (RATE_LIMITED, SLOW_MODE): why, and when it goes
   * (ISO time, from the server's retryAfter).
   */
  waiting?: { code: string; until: string };
  /**
   * Acked as held: the server keeps it until its videos are transcoded, then pushes it as
   * message:new (or message:failed). `progress` (0 to 1) is the slowest video's so far.
   */
  processing?: { mediaIds: string[]; progress: Record<string, number> };
}

export interface ChatState {
  me: string;
  conversations: Record<string, ConversationView>;
  /** Messages per conversation, keyed by seq. */
  messages: Record<string, Record<number, MessageView>>;
  /**
   * Per conversation: false once the oldest message has been loaded. Absent: its latest
   * page was never loaded, so what is held (pushes that came first) is not its history.
   */
  hasOlder: Record<string, boolean>;
  /** Per conversation and user: when the typing indicator expires (ms since epoch). */
  typing: Record<string, Record<string, number>>;
  inboxLoaded: boolean;
}

/** Everything that changes the state: server events and fetch results. */
export type ChatEvent =
  | { type: "message:new"; message: MessageView }
  | { type: "message:updated"; message: MessageView }
  | { type: "read"; conversationId: string; userId: string; seq: number }
  | { type: "typing"; conversationId: string; userId: string; until: number }
  | { type: "conversation:new"; conversation: ConversationView }
  | { type: "conversation:updated"; conversation: Partial<ConversationView> & { id: string } }
  | { type: "conversation:removed"; conversationId: string }
  | { type: "media:played"; conversationId: string; messageId: string; mediaId: string; userId: string }
  | { type: "inbox:fetched"; conversations: ConversationView[] }
  | { type: "messages:fetched"; conversationId: string; messages: MessageView[]; olderExhausted?: boolean };
