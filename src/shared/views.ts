// The wire shapes of conversations and messages: the same over HTTP, socket events
// and catch-up. Shared by the server (src/domain/*/view.ts builds them) and the browser.
import type { MessageKind } from "./schemas/messages";
import type { ConversationState } from "./schemas/conversations";

export interface MediaView {
  id: string;
  kind: string; // "image" | "video" | "voice"
  mime: string;
  width: number | null;
  height: number | null;
  durationMs: number | null;
  url: string;
  thumbnailUrl: string | null;
  placeholder: string | null;
  waveform?: number[] | null;
  /** A voice note: who has played it (never its sender), first listener first. */
  playedBy?: string[];
  altText: string | null;
  /** An upload still transcoding in the background (never in a message: a message waits until its videos are ready). */
  status?: "processing" | "failed";
}

export interface SharedPostView {
  id: string;
  title: string;
  thumbnailUrl: string;
  creator: { id: string; username: string; displayName: string };
}

/** What a reply shows of the message it quotes (its current state: edits and unsends show). */
export interface ReplyPreview {
  id: string;
  seq: number;
  senderId: string;
  kind: MessageKind;
  /** At most 200 characters of the quoted text; absent when unsent or not text. */
  text?: string;
  deletedAt?: string;
}

/** A reply to a message the viewer cannot see (sent before they joined the group): its id and nothing else. */
export interface HiddenReplyPreview {
  id: string;
  hidden: "before_join";
}

/**
 * A system message's event (kind "system"); `actorId` is its sender.
 * - group_renamed {title}
 * - members_added {userIds}
 * - member_removed {userId}
 * - member_left {userId}
 */
export type SystemEvent =
  | { type: "group_renamed"; title: string }
  | { type: "members_added"; userIds: string[] }
  | { type: "member_removed"; userId: string }
  | { type: "member_left"; userId: string };

export interface MessageView {
  id: string;
  conversationId: string;
  seq: number;
  clientId: string;
  senderId: string;
  kind: MessageKind;
  text?: string;
  /** kind "post": the shared post, or null when it was removed from the platform. */
  post?: SharedPostView | null;
  media?: MediaView[];
  replyToId?: string;
  replyTo?: ReplyPreview | HiddenReplyPreview | null;
  systemEvent?: SystemEvent | unknown;
  reactions: { userId: string; emoji: string }[];
  createdAt: string;
  editedAt?: string;
  /** Unsent for everyone: the message keeps its seq and nothing else ("message unsent"). */
  deletedAt?: string;
}

export interface MemberView {
  id: string;
  username: string;
  displayName: string;
  avatarUrl: string | null;
  /** A bot account (run by its owner through personal access tokens): shown with a "Bot" badge. */
  isBot: boolean;
  role: "owner" | "admin" | "member";
  /** "request": this member has not accepted the conversation yet. */
  state: "accepted" | "request";
  /** Read receipts. Shown as 0 for a member still in "request" (their reads are private until they accept). */
  lastReadSeq: number;
}

/** A conversation as one member sees it (unreadCount, state, muted, lastReadSeq are theirs). */
export interface ConversationView {
  id: string;
  kind: "direct" | "group";
  /** Groups: their title. Direct: null (show the other member's name). */
  title: string | null;
  createdById: string;
  /** Active members, the viewer included. */
  members: MemberView[];
  lastMessage: MessageView | null;
  lastSeq: number;
  lastMessageAt: string;
  /** Messages after the viewer's last read seq (own messages read up to themselves). */
  unreadCount: number;
  /** "request": in the viewer's Message requests until they accept or reply. */
  state: ConversationState;
  muted: boolean;
  lastReadSeq: number;
  /** History at or below this seq is hidden from the viewer (deleted, or before they joined). */
  hiddenUpToSeq: number;
  /** Direct only: the viewer blocked the other member (neither can message the other until unblocked). */
  blocked: boolean;
}
