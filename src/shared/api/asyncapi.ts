// The AsyncAPI 3.0 document of the Socket.IO events, built from the typed contract in
// src/shared/events.ts: client events from CLIENT_EVENT_SCHEMAS with their acks, server events
// with their payloads. The payload and ack schemas below are checked against ServerEvents and
// ClientEventResults at compile time (both directions), so they cannot drift from the contract.
// Served at GET /api/asyncapi.json and shown on /developers.
import { z } from "zod";
import { CLIENT_EVENT_SCHEMAS, SERVER_EVENT_NAMES, type ClientEventName, type ClientEventResults, type ServerEventName, type ServerEvents } from "../events";
import { ERROR_CODES, type ErrorCode } from "../errors";
import { SchemaCollector, type JsonSchema } from "./json-schema";
import { API_VERSION } from "./openapi";
import { ZAnnouncementView, ZConversationView, ZMediaView, ZMembershipView, ZMessageView, ZPublicRoomView, ZRoomMemberView, ZTopicView } from "./views";

const roomMessage = { roomId: z.string(), topicId: z.string(), message: ZMessageView };

const errorPayload = z.object({ code: z.string(), message: z.string() });

/** Every server event's payload, with what it means. */
export const SERVER_EVENT_PAYLOADS = {
  hello: { summary: "Once after connecting: who the server thinks you are", payload: z.object({ userId: z.string() }) },
  "me:settings": {
    summary: "Your settings changed on this or another device",
    payload: z.object({ locale: z.string().nullable(), theme: z.string().nullable(), dmPolicy: z.enum(["everyone", "friends", "nobody"]), privacyWarningDismissed: z.boolean() }),
  },
  "message:new": {
    summary: "A message was stored, to every active member (also the sender's other tabs, but not the socket that sent it with message:send: its ack carries the message)",
    payload: z.object({ message: ZMessageView }),
  },
  "message:updated": { summary: "A reaction, an edit or an unsend", payload: z.object({ message: ZMessageView }) },
  typing: { summary: "Another member is typing (show it for about 5 s)", payload: z.object({ conversationId: z.string(), userId: z.string() }) },
  read: { summary: "A member's last read seq moved forward", payload: z.object({ conversationId: z.string(), userId: z.string(), seq: z.number().int() }) },
  "conversation:new": { summary: "A conversation entered your inbox (its message:new follows)", payload: z.object({ conversation: ZConversationView }) },
  "conversation:updated": { summary: "Members, roles, title, member states, your mute or block changed", payload: z.object({ conversation: ZConversationView }) },
  "conversation:removed": { summary: "It left your inbox", payload: z.object({ conversationId: z.string() }) },
  "media:played": { summary: "To a voice note's sender: a listener played it", payload: z.object({ mediaId: z.string(), messageId: z.string(), conversationId: z.string(), userId: z.string() }) },
  "media:progress": { summary: "To the uploader: how far a video's background transcode got (0 to 1, at most 4 a second)", payload: z.object({ mediaId: z.string(), progress: z.number() }) },
  "media:ready": { summary: "To the uploader: the video is transcoded and screened (messages held for it are sent next)", payload: z.object({ media: ZMediaView }) },
  "media:failed": { summary: "To the uploader: the video could not be processed", payload: z.object({ mediaId: z.string(), error: errorPayload }) },
  "message:failed": {
    summary: "To the sender: a message held for its videos was not sent (a video failed, or the send was refused once they were ready)",
    payload: z.object({ conversationId: z.string(), clientId: z.string(), error: errorPayload }),
  },
  "room:message:new": { summary: "A message was posted in a topic (to every member's sockets but the one that sent it: its ack carries the message)", payload: z.object(roomMessage) },
  "room:message:updated": { summary: "A reaction or an edit in a topic", payload: z.object(roomMessage) },
  "room:message:deleted": { summary: "Its author or staff deleted it", payload: z.object({ ...roomMessage, messageId: z.string() }) },
  "room:member:joined": { summary: "Someone joined", payload: z.object({ roomId: z.string(), member: ZRoomMemberView }) },
  "room:member:left": { summary: "Someone left", payload: z.object({ roomId: z.string(), userId: z.string() }) },
  "room:member:updated": { summary: "A role changed", payload: z.object({ roomId: z.string(), membership: ZMembershipView }) },
  "room:member:banned": { summary: "A member was banned (then their sockets leave the channel)", payload: z.object({ roomId: z.string(), userId: z.string() }) },
  "room:member:timedout": { summary: "A member was timed out", payload: z.object({ roomId: z.string(), userId: z.string(), until: z.string() }) },
  "room:member:removed": { summary: "Taken out without a ban", payload: z.object({ roomId: z.string(), userId: z.string(), reason: z.enum(["banned", "blocked", "audience"]) }) },
  "room:topic:new": { summary: "A topic was added", payload: z.object({ roomId: z.string(), topic: ZTopicView }) },
  "room:updated": { summary: "Name, description, picture or slow mode changed", payload: z.object({ roomId: z.string(), room: ZPublicRoomView }) },
  "room:announcement": { summary: "A promotion was scheduled, or started", payload: z.object({ roomId: z.string(), announcement: ZAnnouncementView, state: z.enum(["scheduled", "started"]) }) },
  "rooms:ready": { summary: "After each connect: the socket now hears these rooms' events (catch up from here)", payload: z.object({ roomIds: z.array(z.string()) }) },
} satisfies Record<ServerEventName, { summary: string; payload: z.ZodType }>;

/** What each client event's ack carries on success (besides `ok: true`). */
export const CLIENT_EVENT_ACKS = {
  "message:send": {
    summary: "Send a message (a repeated clientId acks the original and pushes nothing); with videos still processing it is held: message:new follows once they are ready",
    ack: z.union([z.object({ message: ZMessageView }), z.object({ message: z.null(), held: z.object({ clientId: z.string(), mediaIds: z.array(z.string()) }) })]),
  },
  "conversation:start": { summary: "The body of POST /api/conversations", ack: z.object({ conversation: ZConversationView, message: ZMessageView, created: z.boolean() }) },
  "conversation:read": { summary: "Move your read position", ack: z.object({ conversationId: z.string(), userId: z.string(), seq: z.number().int() }) },
  typing: { summary: "You are typing (not stored; relayed at most once per 2 s)", ack: z.object({}) },
  "message:react": { summary: "Set (emoji) or remove (null) your reaction", ack: z.object({ message: ZMessageView }) },
  "message:edit": { summary: "Edit your text message (15 minutes)", ack: z.object({ message: ZMessageView }) },
  "message:unsend": { summary: "Unsend for everyone", ack: z.object({ message: ZMessageView }) },
  "room:message:send": { summary: "Post in a room topic", ack: z.object({ message: ZMessageView }) },
} satisfies Record<ClientEventName, { summary: string; ack: z.ZodType }>;

// ---- Compile-time checks against the contract ----
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type PayloadsMatch = { [E in ServerEventName]: Same<z.infer<(typeof SERVER_EVENT_PAYLOADS)[E]["payload"]>, ServerEvents[E]> };
type AcksMatch = { [E in Exclude<ClientEventName, "typing">]: Same<z.infer<(typeof CLIENT_EVENT_ACKS)[E]["ack"]>, ClientEventResults[E]> };
type AllTrue<T> = T[keyof T] extends true ? true : { mismatched: { [K in keyof T]: T[K] extends true ? never : K }[keyof T] };
const payloadsMatch: AllTrue<PayloadsMatch> = true;
const acksMatch: AllTrue<AcksMatch> = true;
void payloadsMatch;
void acksMatch;

const ZAckError = z.object({
  ok: z.literal(false),
  error: z.object({
    code: z.enum(ERROR_CODES as [ErrorCode, ...ErrorCode[]]).or(z.string()),
    message: z.string(),
    retryAfter: z.number().int().optional(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});

const DESCRIPTION = `Murmur's Socket.IO events (Socket.IO 4, path /socket.io, the same port as the HTTP API). Authenticate with the session cookie (browsers) or \`io(url, { auth: { token } })\` with a token from POST /api/auth/token.
Every client event takes an ack: \`{ok: true, ...}\` or \`{ok: false, error: {code, message, retryAfter?, details?}}\`; an event the contract does not name is answered \`UNKNOWN_EVENT\`.

Every server push has one argument, its payload. A reconnect is a new connection (no connection-state recovery: nothing is replayed), so after any reconnect catch up from HTTP: \`GET /api/conversations/{id}/messages?after=<last seq held>\` (and each room topic); a push whose seq skips one means a gap to fill the same way.`;

let cached: JsonSchema | null = null;

const key = (event: string) => event.replace(/:/g, "_");

/** The document (built once per process). */
export function asyncApiDocument(): JsonSchema {
  if (cached) return cached;
  const schemas = new SchemaCollector("#/components/schemas/");
  const channels: JsonSchema = {};
  const operations: JsonSchema = {};
  const messages: JsonSchema = {};

  for (const event of SERVER_EVENT_NAMES) {
    const { summary, payload } = SERVER_EVENT_PAYLOADS[event];
    const id = `server_${key(event)}`;
    messages[id] = {
      name: event,
      title: event,
      summary,
      payload: schemas.convert(payload),
    };
    channels[id] = { address: event, description: `Server → client: ${summary}`, messages: { [event]: { $ref: `#/components/messages/${id}` } } };
    operations[`receive_${key(event)}`] = { action: "receive", channel: { $ref: `#/channels/${id}` }, summary, messages: [{ $ref: `#/channels/${id}/messages/${event}` }] };
  }
  for (const event of Object.keys(CLIENT_EVENT_SCHEMAS) as ClientEventName[]) {
    const { summary, ack } = CLIENT_EVENT_ACKS[event];
    const id = `client_${key(event)}`;
    const ackId = `${id}_ack`;
    messages[id] = { name: event, title: event, summary, payload: schemas.convert(CLIENT_EVENT_SCHEMAS[event]) };
    messages[ackId] = {
      name: `${event} ack`,
      title: `${event} ack`,
      summary: "The ack (Socket.IO's acknowledgement callback)",
      payload: { oneOf: [{ allOf: [{ type: "object", properties: { ok: { const: true } }, required: ["ok"] }, schemas.convert(ack)] }, schemas.convert(ZAckError)] },
    };
    channels[id] = { address: event, description: `Client → server: ${summary}`, messages: { [event]: { $ref: `#/components/messages/${id}` }, ack: { $ref: `#/components/messages/${ackId}` } } };
    operations[`send_${key(event)}`] = {
      action: "send",
      channel: { $ref: `#/channels/${id}` },
      summary,
      messages: [{ $ref: `#/channels/${id}/messages/${event}` }],
      reply: { channel: { $ref: `#/channels/${id}` }, messages: [{ $ref: `#/channels/${id}/messages/ack` }] },
    };
  }

  cached = {
    asyncapi: "3.0.0",
    info: { title: "Murmur Socket.IO events", version: API_VERSION, description: DESCRIPTION },
    defaultContentType: "application/json",
    servers: { murmur: { host: "localhost:3000", protocol: "ws", pathname: "/socket.io", description: "Socket.IO 4 (Engine.IO 4) on the app's own host and port" } },
    channels,
    operations,
    components: { messages, schemas: schemas.components },
  };
  return cached;
}
