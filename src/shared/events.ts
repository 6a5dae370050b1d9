// Socket.IO event names and payloads, shared by the server and the browser.
// Capabilities add their events here as they grow.
//
// Conversations and messages (issue 3)
// ------------------------------------
// Client → server (each with an ack: {ok: true, ...} or {ok: false, error: {code, message, retryAfter?}}):
//   message:send        {conversationId, clientId, text? | sharedPostId? | mediaIds? | voiceNoteId?, replyToId?} → {message}
//                       A repeated clientId acks the original message and pushes nothing new.
//                       With videos still processing: → {message: null, held: {clientId, mediaIds}}; the
//                       message:new with that clientId follows once they are ready (or message:failed).
//   conversation:start  the body of POST /api/conversations → {conversation, message, created}
//   conversation:read   {conversationId, seq} → {conversationId, userId, seq}
//   typing              {conversationId} → {} (not persisted; pushed to the other members)
//   message:react       {messageId, emoji | null} → {message}
//   message:edit        {messageId, text} → {message}
//   message:unsend      {messageId} → {message}
//
// Server → client (to every socket of the users concerned):
//   message:new           {message}        a new message, to every active member (the sender's other tabs too;
//                                          not the socket that sent it with message:send, whose ack carries it)
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
//   media:progress        {mediaId, progress}   to the uploader: a video's background transcode (≤ 4/s)
//   media:ready           {media}          to the uploader: the video is ready (held sends go next)
//   media:failed          {mediaId, error} to the uploader: the video could not be processed
//   message:failed        {conversationId, clientId, error}   to the sender: a held send was not sent
//
// Rules a client state machine needs to equal a fresh fetch:
//   - message:new from user U at seq S means U has read up to S (members[U].lastReadSeq ≥ S);
//     for the viewer that means unreadCount 0 up to S.
//   - unreadCount counts messages after lastReadSeq (and after hiddenUpToSeq), whoever sent them,
//     which equals "from others" because sending reads up to one's own message.
//   - Every other change of a conversation's view comes as conversation:updated with the full view.
//
// Rooms: room:message:send (client → server, with an ack); a member's sockets sit in the
// channel room:<id> and receive the room:* events below. The types here are the contract:
// Socket.IO's type parameters on the server and in the browser, the zod schema of every
// client event, and the list the README's event tables are checked against.
import type { z } from "zod";
import type { AnnouncementView, MemberView as RoomMemberView, MembershipView, RoomView, TopicView } from "./room-views";
import { ZConversationRef, ZSocketRead, ZSocketStart } from "./schemas/conversations";
import { ZSocketEdit, ZSocketReact, ZSocketSend, ZSocketUnsend } from "./schemas/messages";
import { ZRoomMessageSend } from "./schemas/rooms";
import type { ErrorBody } from "./errors";
import type { ConversationView, MediaView, MessageView } from "./views";

export type { ConversationView, MemberView, MessageView } from "./views";

/** A room message event: which topic, and the message's full view. */
export interface RoomMessageEvent {
  roomId: string;
  topicId: string;
  message: MessageView;
}

/** Server → client: every event and its payload. */
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
  /** To the uploader: how far a video's background transcode got, 0 to 1 (at most 4 a second). */
  "media:progress": { mediaId: string; progress: number };
  /** To the uploader: the video is transcoded and screened; the messages waiting for it are sent next. */
  "media:ready": { media: MediaView };
  /** To the uploader: the video could not be processed (the code the upload would have answered). */
  "media:failed": { mediaId: string; error: { code: string; message: string } };
  /** To the sender: a message held for its videos was not sent (a video failed, or the send was refused when they were ready). */
  "message:failed": { conversationId: string; clientId: string; error: { code: string; message: string } };
  "room:message:new": RoomMessageEvent;
  "room:message:updated": RoomMessageEvent;
  "room:message:deleted": RoomMessageEvent & { messageId: string };
  "room:member:joined": { roomId: string; member: RoomMemberView };
  "room:member:left": { roomId: string; userId: string };
  /** A role changed (moderator appointed or dismissed). */
  "room:member:updated": { roomId: string; membership: MembershipView };
  /** Then the banned member's sockets leave the channel. */
  "room:member:banned": { roomId: string; userId: string };
  "room:member:timedout": { roomId: string; userId: string; until: string };
  /** Taken out without a ban: blocked by the creator, or their subscription or fan club ended. */
  "room:member:removed": { roomId: string; userId: string; reason: "banned" | "blocked" | "audience" };
  "room:topic:new": { roomId: string; topic: TopicView };
  /** The room's public face changed; the invite code and the viewer's own fields are not in it. */
  "room:updated": { roomId: string; room: Omit<RoomView, "inviteCode" | "myRole" | "timedOutUntil" | "viewerBanned"> };
  "room:announcement": { roomId: string; announcement: AnnouncementView; state: "scheduled" | "started" };
  /** After each connect: the socket now hears these rooms' events (a view catches up from here). */
  "rooms:ready": { roomIds: string[] };
}

export type ServerEventName = keyof ServerEvents;

/** Every server event by name, at run time (the README's tables are checked against it). */
export const SERVER_EVENT_NAMES = [
  "hello",
  "me:settings",
  "message:new",
  "message:updated",
  "typing",
  "read",
  "conversation:new",
  "conversation:updated",
  "conversation:removed",
  "media:played",
  "media:progress",
  "media:ready",
  "media:failed",
  "message:failed",
  "room:message:new",
  "room:message:updated",
  "room:message:deleted",
  "room:member:joined",
  "room:member:left",
  "room:member:updated",
  "room:member:banned",
  "room:member:timedout",
  "room:member:removed",
  "room:topic:new",
  "room:updated",
  "room:announcement",
  "rooms:ready",
] as const satisfies readonly ServerEventName[];
// Compile-time check that the list names every event: fails to build if one is missing.
type MissingServerEvents = Exclude<ServerEventName, (typeof SERVER_EVENT_NAMES)[number]>;
const everyServerEventListed: MissingServerEvents extends never ? true : MissingServerEvents = true;
void everyServerEventListed;

/** Client → server: every event's payload schema (each event takes an ack). */
export const CLIENT_EVENT_SCHEMAS = {
  "message:send": ZSocketSend,
  "conversation:start": ZSocketStart,
  "conversation:read": ZSocketRead,
  typing: ZConversationRef,
  "message:react": ZSocketReact,
  "message:edit": ZSocketEdit,
  "message:unsend": ZSocketUnsend,
  "room:message:send": ZRoomMessageSend,
} as const;

export type ClientEventName = keyof typeof CLIENT_EVENT_SCHEMAS;

export const isClientEventName = (name: string): name is ClientEventName => Object.hasOwn(CLIENT_EVENT_SCHEMAS, name);

/** What each client event's ack carries when it succeeds. */
/** A send that waits for its videos: the message comes as message:new with this clientId (or message:failed). */
export interface HeldSendView {
  clientId: string;
  mediaIds: string[];
}

export interface ClientEventResults {
  "message:send": { message: MessageView } | { message: null; held: HeldSendView };
  "conversation:start": { conversation: ConversationView; message: MessageView; created: boolean };
  "conversation:read": { conversationId: string; userId: string; seq: number };
  typing: Record<string, never>;
  "message:react": { message: MessageView };
  "message:edit": { message: MessageView };
  "message:unsend": { message: MessageView };
  "room:message:send": { message: MessageView };
}

export type Ack<T> = ({ ok: true } & T) | { ok: false; error: Omit<ErrorBody, "code"> & { code: string } };

/** Socket.IO's type parameters, on the server and in the browser. */
export type ClientToServerEvents = {
  // The ack is optional: typing needs no answer.
  [E in ClientEventName]: (payload: z.input<(typeof CLIENT_EVENT_SCHEMAS)[E]>, ack?: (answer: Ack<ClientEventResults[E]>) => void) => void;
};
export type ServerToClientEvents = { [E in ServerEventName]: (payload: ServerEvents[E]) => void };
