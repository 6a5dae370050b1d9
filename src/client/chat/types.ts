// The client's view of conversations and messages: the wire shapes of issue 3's contract.
import type { MessageView } from "@/domain/messages/view";
import type { MessageBody } from "@/shared/schemas/messages";

export type { MessageView };

export interface MemberView {
  id: string;
  username: string;
  displayName: string;
  avatarUrl?: string | null;
  role?: string;
  /** "request": this member has not accepted the conversation yet. */
  state?: "accepted" | "request";
  /** Read receipts: the last seq this member has read. */
  lastReadSeq?: number;
  [extra: string]: unknown;
}

export interface ConversationView {
  id: string;
  kind: "direct" | "group" | string;
  title: string | null;
  members: MemberView[];
  lastMessage: MessageView | null;
  unreadCount: number;
  state: "active" | "request";
  muted?: boolean;
  /** The newest seq in the conversation, and when it was written. */
  lastSeq?: number;
  lastMessageAt?: string;
  /** The viewer's read position; history at or below hiddenUpToSeq is hidden from them. */
  lastReadSeq?: number;
  hiddenUpToSeq?: number;
  [extra: string]: unknown;
}

/** What the sender puts in a message, without the client id (the outbox adds it). */
export type OutgoingBody = Omit<MessageBody, "clientId">;

export interface OutboxItem {
  clientId: string;
  conversationId: string;
  body: OutgoingBody;
  createdAt: string;
  status: "sending" | "failed";
  error?: { code: string; message: string };
}

export interface ChatState {
  me: string;
  conversations: Record<string, ConversationView>;
  /** Messages per conversation, keyed by seq. */
  messages: Record<string, Record<number, MessageView>>;
  /** Per conversation: false once the oldest message has been loaded. */
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
  | { type: "inbox:fetched"; conversations: ConversationView[] }
  | { type: "messages:fetched"; conversationId: string; messages: MessageView[]; olderExhausted?: boolean };
