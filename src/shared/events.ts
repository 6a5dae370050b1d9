// Socket.IO event names and payloads, shared by the server and the browser.
// Capabilities add their events here as they grow.
//
// Conversations and messages (issue 3)
// ------------------------------------
// Client → server (each with an ack: {ok: true, ...} or {ok: false, error: {code, message, retryAfter?}}):
//   message:send        {conversationId, clientId, text? | sharedPostId? | mediaIds? | voiceNoteId?, replyToId?} → {message}
//                       A repeated clientId acks the original message and pushes nothing new.
//   conversation:start  the body of POST /api/conversations → {conversation, message, created}
//   conversation:read   {conversationId, seq} → {conversationId, userId, seq}
//   typing              {conversationId} → {} (not persisted; pushed to the other members)
//   message:react       {messageId, emoji | null} → {message}
//   message:edit        {messageId, text} → {message}
//   message:unsend      {messageId} → {message}
//
// Server → client (to every socket of the users concerned):
//   message:new           {message}        a new message, to every active member (the sender's other tabs too)
//   message:updated       {message}        a reaction, an edit or an unsend; quotes of this message
//                                          (replyTo previews) change with it
//   typing                {conversationId, userId}   a member is typing (show it for ~5 s)
//   read                  {conversationId, userId, seq}   a member's lastReadSeq moved forward
//   conversation:new      {conversation}   the conversation appeared in your inbox (you were added, a new 1:1
//                                          or request, or a conversation you had deleted got a new message);
//                                          its lastMessage is followed by the same message:new
//   conversation:updated  {conversation}   members, title, roles, member states, your mute changed
//   conversation:removed  {conversationId} it left your inbox (you left, were removed, deleted it, blocked)
//   media:played          {mediaId, messageId, conversationId, userId}   to a voice note's sender:
//                                          a listener played it (media[].playedBy gains userId)
//
// Rules a client state machine needs to equal a fresh fetch:
//   - message:new from user U at seq S means U has read up to S (members[U].lastReadSeq ≥ S);
//     for the viewer that means unreadCount 0 up to S.
//   - unreadCount counts messages after lastReadSeq (and after hiddenUpToSeq), whoever sent them,
//     which equals "from others" because sending reads up to one's own message.
//   - Every other change of a conversation's view comes as conversation:updated with the full view.
import type { ConversationView, MessageView } from "./views";

export type { ConversationView, MemberView, MessageView } from "./views";

export interface ServerEvents {
  /** Sent once after connecting: who the server thinks you are. */
  hello: { userId: string };
  /** The user's own settings changed (on this or another device). */
  "me:settings": { locale: string | null; theme: string | null; dmPolicy: "everyone" | "friends" | "nobody"; privacyWarningDismissed: boolean };
  "message:new": { message: MessageView };
  "message:updated": { message: MessageView };
  typing: { conversationId: string; userId: string };
  read: { conversationId: string; userId: string; seq: number };
  "conversation:new": { conversation: ConversationView };
  "conversation:updated": { conversation: ConversationView };
  "conversation:removed": { conversationId: string };
  /** To a voice note's sender: a listener played it (once per listener). */
  "media:played": { mediaId: string; messageId: string; conversationId: string; userId: string };
  [event: string]: unknown;
}

export type Ack<T> = ({ ok: true } & T) | { ok: false; error: { code: string; message: string; retryAfter?: number; details?: Record<string, unknown> } };
