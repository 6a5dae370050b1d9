// zod schemas of the main wire shapes (src/shared/views.ts, room-views.ts), for the API
// documents only (src/shared/api/openapi.ts, asyncapi.ts): the server never parses its own
// answers with them. The TypeScript interfaces stay the source the code is written against;
// the checks at the bottom make each schema and its interface assignable both ways, so a
// field added, removed or retyped on one side fails to compile until the other follows.
import { z } from "zod";
import "../schemas/zod-config";
import type { AnnouncementView, MembershipView, MemberView as RoomMemberView, ModerationLogView, PersonView, RoomView, TopicView } from "../room-views";
import { CONVERSATION_STATES } from "../schemas/conversations";
import { MESSAGE_KINDS } from "../schemas/messages";
import { ANNOUNCEMENT_KINDS, MODERATION_ACTIONS, ROOM_AUDIENCES, ROOM_ROLES } from "../schemas/rooms";
import type { ConversationView, HiddenReplyPreview, MediaView, MemberView, MessageView, ReplyPreview, SharedPostView } from "../views";

const isoTime = z.string().meta({ format: "date-time" });

export const ZMediaView = z
  .object({
    id: z.string(),
    kind: z.string().meta({ description: '"image" | "video" | "voice"' }),
    mime: z.string(),
    width: z.number().int().nullable(),
    height: z.number().int().nullable(),
    durationMs: z.number().int().nullable(),
    url: z.string(),
    thumbnailUrl: z.string().nullable(),
    placeholder: z.string().nullable(),
    waveform: z.array(z.number()).nullable().optional(),
    playedBy: z.array(z.string()).optional().meta({ description: "A voice note: who has played it (never its sender), first listener first." }),
    altText: z.string().nullable(),
    status: z.enum(["processing", "failed"]).optional().meta({ description: "An uploaded video still transcoding in the background (absent once ready)." }),
  })
  .meta({ id: "MediaView" });

export const ZSharedPostView = z
  .object({ id: z.string(), title: z.string(), thumbnailUrl: z.string(), creator: z.object({ id: z.string(), username: z.string(), displayName: z.string() }) })
  .meta({ id: "SharedPostView" });

export const ZReplyPreview = z
  .object({
    id: z.string(),
    seq: z.number().int(),
    senderId: z.string(),
    kind: z.enum(MESSAGE_KINDS),
    text: z.string().optional().meta({ description: "At most 200 characters of the quoted text; absent when unsent or not text." }),
    deletedAt: isoTime.optional(),
  })
  .meta({ id: "ReplyPreview" });

export const ZHiddenReplyPreview = z
  .object({ id: z.string(), hidden: z.literal("before_join") })
  .meta({ id: "HiddenReplyPreview", description: "A reply to a message the viewer cannot see (sent before they joined): its id and nothing else." });

export const ZMessageView = z
  .object({
    id: z.string(),
    conversationId: z.string(),
    seq: z.number().int().meta({ description: "1, 2, 3 … per conversation; never reused." }),
    clientId: z.string(),
    senderId: z.string(),
    kind: z.enum(MESSAGE_KINDS),
    text: z.string().optional(),
    post: ZSharedPostView.nullable().optional().meta({ description: 'kind "post": the shared post, or null when it was removed.' }),
    media: z.array(ZMediaView).optional(),
    replyToId: z.string().optional(),
    replyTo: z.union([ZReplyPreview, ZHiddenReplyPreview]).nullable().optional(),
    systemEvent: z.unknown().optional().meta({ description: 'kind "system": {type: group_renamed, title} | {type: members_added, userIds} | {type: member_removed | member_left, userId}' }),
    reactions: z.array(z.object({ userId: z.string(), emoji: z.string() })),
    createdAt: isoTime,
    editedAt: isoTime.optional(),
    deletedAt: isoTime.optional().meta({ description: "Unsent for everyone: the message keeps its seq and nothing else." }),
  })
  .meta({ id: "MessageView" });

export const ZMemberView = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    avatarUrl: z.string().nullable(),
    isBot: z.boolean().meta({ description: "A bot account (shown with a Bot badge)" }),
    role: z.enum(["owner", "admin", "member"]),
    state: z.enum(["accepted", "request"]),
    lastReadSeq: z.number().int(),
  })
  .meta({ id: "ConversationMemberView" });

export const ZConversationView = z
  .object({
    id: z.string(),
    kind: z.enum(["direct", "group"]),
    title: z.string().nullable(),
    createdById: z.string(),
    members: z.array(ZMemberView),
    lastMessage: ZMessageView.nullable(),
    lastSeq: z.number().int(),
    lastMessageAt: isoTime,
    unreadCount: z.number().int(),
    state: z.enum(CONVERSATION_STATES),
    muted: z.boolean(),
    lastReadSeq: z.number().int(),
    hiddenUpToSeq: z.number().int(),
    blocked: z.boolean(),
  })
  .meta({ id: "ConversationView", description: "A conversation as one member sees it (unreadCount, state, muted, lastReadSeq are theirs)." });

export const ZPersonView = z
  .object({ id: z.string(), username: z.string(), displayName: z.string(), avatarUrl: z.string().nullable(), isBot: z.boolean().meta({ description: "A bot account (shown with a Bot badge)" }) })
  .meta({ id: "PersonView" });

const roomFields = {
  id: z.string(),
  name: z.string(),
  description: z.string(),
  pictureUrl: z.string().nullable(),
  audience: z.enum(ROOM_AUDIENCES),
  slowModeSeconds: z.number().int(),
  creator: ZPersonView,
  memberCount: z.number().int(),
  createdAt: isoTime,
};
export const ZRoomView = z
  .object({
    ...roomFields,
    inviteCode: z.string().optional().meta({ description: "Only for the creator and moderators." }),
    myRole: z.enum(ROOM_ROLES).optional(),
    timedOutUntil: isoTime.optional(),
    viewerBanned: z.boolean().optional(),
  })
  .meta({ id: "RoomView" });
/** What room:updated carries: the room's public face. */
export const ZPublicRoomView = z.object(roomFields).meta({ id: "PublicRoomView" });

export const ZMembershipView = z.object({ roomId: z.string(), userId: z.string(), role: z.enum(ROOM_ROLES), joinedAt: isoTime }).meta({ id: "MembershipView" });

export const ZRoomMemberView = ZPersonView.extend({ role: z.enum(ROOM_ROLES), joinedAt: isoTime, timedOutUntil: isoTime.optional() }).meta({ id: "RoomMemberView" });

export const ZTopicView = z.object({ id: z.string(), roomId: z.string(), title: z.string(), isGeneral: z.boolean(), createdAt: isoTime, conversationId: z.string() }).meta({ id: "TopicView" });

export const ZAnnouncementView = z
  .object({
    id: z.string(),
    roomId: z.string(),
    kind: z.enum(ANNOUNCEMENT_KINDS),
    title: z.string(),
    startsAt: isoTime,
    post: z.object({ id: z.string(), title: z.string(), thumbnailUrl: z.string() }).nullable(),
    url: z.string().nullable(),
    started: z.boolean(),
  })
  .meta({ id: "AnnouncementView" });

export const ZModerationLogView = z
  .object({
    id: z.string(),
    roomId: z.string(),
    action: z.enum(MODERATION_ACTIONS),
    actor: ZPersonView.nullable(),
    target: ZPersonView.nullable(),
    targetMessageId: z.string().nullable(),
    reason: z.string().nullable(),
    details: z.unknown(),
    createdAt: isoTime,
  })
  .meta({ id: "ModerationLogView" });

// ---- Compile-time checks: each schema's output equals its interface (both directions). ----
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
type Check<T extends true> = T;
export type ViewSchemasMatch = [
  Check<Same<z.infer<typeof ZMediaView>, MediaView>>,
  Check<Same<z.infer<typeof ZSharedPostView>, SharedPostView>>,
  Check<Same<z.infer<typeof ZReplyPreview>, ReplyPreview>>,
  Check<Same<z.infer<typeof ZHiddenReplyPreview>, HiddenReplyPreview>>,
  Check<Same<z.infer<typeof ZMessageView>, MessageView>>,
  Check<Same<z.infer<typeof ZMemberView>, MemberView>>,
  Check<Same<z.infer<typeof ZConversationView>, ConversationView>>,
  Check<Same<z.infer<typeof ZPersonView>, PersonView>>,
  Check<Same<z.infer<typeof ZRoomView>, RoomView>>,
  Check<Same<z.infer<typeof ZPublicRoomView>, Omit<RoomView, "inviteCode" | "myRole" | "timedOutUntil" | "viewerBanned">>>,
  Check<Same<z.infer<typeof ZMembershipView>, MembershipView>>,
  Check<Same<z.infer<typeof ZRoomMemberView>, RoomMemberView>>,
  Check<Same<z.infer<typeof ZTopicView>, TopicView>>,
  Check<Same<z.infer<typeof ZAnnouncementView>, AnnouncementView>>,
  Check<Same<z.infer<typeof ZModerationLogView>, ModerationLogView>>,
];
