import { z } from "zod";
import "./zod-config";
import { CONVERSATION, INT32_MAX } from "../limits";
import { singleLine } from "./text";
import { ZId, ZMessageBody } from "./messages";

/**
 * `POST /api/conversations` and the socket's `conversation:start`. The first message
 * takes any message body here; the domain refuses photos, videos and voice notes with
 * MEDIA_FIRST_NOT_ALLOWED (422), which the contract promises instead of a 400.
 */
export const ZStartDirect = z.object({ kind: z.literal("direct"), userId: ZId, message: ZMessageBody });
export const ZStartGroup = z.object({
  kind: z.literal("group"),
  title: singleLine(z.string().trim().min(1).max(CONVERSATION.groupTitleMax)),
  // The limits are the domain's (VALIDATION_FAILED under 2 others, GROUP_FULL over 31);
  // this only keeps absurd bodies out.
  memberIds: z.array(ZId).min(1).max(1000),
  message: ZMessageBody,
});
export const ZStartConversation = z.discriminatedUnion("kind", [ZStartDirect, ZStartGroup]);
export type StartConversation = z.infer<typeof ZStartConversation>;

/** `PATCH /api/conversations/:id`: rename (groups, any member) and mute (oneself). */
export const ZConversationPatch = z
  .object({
    title: singleLine(z.string().trim().min(1).max(CONVERSATION.groupTitleMax)),
    muted: z.boolean(),
  })
  .partial()
  .refine((p) => p.title !== undefined || p.muted !== undefined, "nothing to change");
export type ConversationPatch = z.infer<typeof ZConversationPatch>;

/** `POST /api/conversations/:id/read`. */
export const ZRead = z.object({ seq: z.number().int().min(0).max(INT32_MAX) });

/** `POST /api/conversations/:id/members`. */
export const ZAddMembers = z.object({ userIds: z.array(ZId).min(1).max(1000) });

/** `PATCH /api/conversations/:id/members/:userId` (the group's owner only). */
export const ZMemberRole = z.object({ role: z.enum(["admin", "member"]) });

/** Socket events that name a conversation. */
export const ZConversationRef = z.object({ conversationId: ZId });
export const ZSocketRead = ZRead.extend({ conversationId: ZId });
export const ZSocketStart = ZStartConversation;

export const CONVERSATION_STATES = ["active", "request"] as const;
export type ConversationState = (typeof CONVERSATION_STATES)[number];
