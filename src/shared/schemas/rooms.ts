import { z } from "zod";
import "./zod-config";
import { multiLine, singleLine } from "./text";
import { ROOMS } from "../limits";
import { ZEmoji, ZId, ZMessageBody } from "./messages";

export const ROOM_AUDIENCES = ["subscribers", "fanclub", "both"] as const;
export type RoomAudience = (typeof ROOM_AUDIENCES)[number];
export const ROOM_ROLES = ["creator", "moderator", "member"] as const;
export type RoomRole = (typeof ROOM_ROLES)[number];
export const ANNOUNCEMENT_KINDS = ["launch", "live"] as const;
export type AnnouncementKind = (typeof ANNOUNCEMENT_KINDS)[number];
export const MODERATION_ACTIONS = ["ban", "unban", "timeout", "delete_message", "add_moderator", "remove_moderator", "slow_mode"] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

const reason = multiLine(z.string().trim().max(ROOMS.moderationReasonMax)).optional();

export const ZCreateRoom = z.object({
  name: singleLine(z.string().trim().min(1).max(ROOMS.nameMax)),
  description: multiLine(z.string().trim().max(ROOMS.descriptionMax)).optional(),
  audience: z.enum(ROOM_AUDIENCES),
});
export type CreateRoomInput = z.infer<typeof ZCreateRoom>;

export const ZUpdateRoom = z
  .object({
    name: singleLine(z.string().trim().min(1).max(ROOMS.nameMax)).optional(),
    description: multiLine(z.string().trim().max(ROOMS.descriptionMax)).optional(),
    slowModeSeconds: z.number().int().min(0).max(ROOMS.slowModeMaxSeconds).optional(),
    /** A photo the creator uploaded to one of the room's topics (POST /api/media); null removes the picture. */
    pictureMediaId: ZId.nullable().optional(),
  })
  .refine((b) => Object.keys(b).length > 0, "nothing to change");
export type UpdateRoomInput = z.infer<typeof ZUpdateRoom>;

export const ZUserRef = z.object({ userId: ZId });
export const ZBan = z.object({ userId: ZId, reason });
export const ZTimeout = z.object({
  userId: ZId,
  minutes: z
    .number()
    .int()
    .refine((m) => (ROOMS.timeoutMinutes as readonly number[]).includes(m), `one of ${ROOMS.timeoutMinutes.join(", ")}`),
  reason,
});
export const ZDeleteRoomMessage = z.object({ reason }).optional();

export const ZCreateTopic = z.object({ title: singleLine(z.string().trim().min(1).max(ROOMS.topicTitleMax)) });

export const ZCreateAnnouncement = z
  .object({
    kind: z.enum(ANNOUNCEMENT_KINDS),
    title: singleLine(z.string().trim().min(1).max(ROOMS.announcementTitleMax)),
    startsAt: z.iso.datetime({ offset: true }),
    postId: ZId.optional(),
    url: z
      .string()
      .trim()
      .max(ROOMS.announcementUrlMax)
      .url()
      .refine((u) => /^https?:\/\//i.test(u), "http or https only")
      .optional(),
  })
  .refine((a) => !(a.postId && a.url), "a post or a link, not both");
export type CreateAnnouncementInput = z.infer<typeof ZCreateAnnouncement>;

/** A room reaction is one emoji, as in conversations. */
export const ZReaction = z.object({ emoji: ZEmoji });

/** Sending in a room topic over the socket: the conversation message body plus where. */
export const ZRoomMessageSend = z.intersection(z.object({ roomId: ZId, topicId: ZId }), ZMessageBody);
export type RoomMessageSend = z.infer<typeof ZRoomMessageSend>;

export const ZMessagePage = z.object({
  after: z.coerce.number().int().min(0).optional(),
  before: z.coerce.number().int().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
});
