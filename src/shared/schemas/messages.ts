import { z } from "zod";
import { MESSAGE, VISUALS } from "../limits";

export const ZClientId = z.string().trim().min(1).max(MESSAGE.clientIdMax);
export const ZId = z.string().min(1).max(64);

/** The body of a message, over HTTP and the socket alike. Exactly one kind of content. */
export const ZMessageBody = z
  .object({
    clientId: ZClientId,
    text: z.string().max(MESSAGE.textMax).optional(),
    sharedPostId: ZId.optional(),
    mediaIds: z.array(ZId).min(1).max(VISUALS.maxPerMessage * 4).optional(), // the domain enforces the real limit (TOO_MANY_VISUALS)
    voiceNoteId: ZId.optional(),
    replyToId: ZId.optional(),
  })
  .refine((b) => b.text?.trim() || b.sharedPostId || b.mediaIds?.length || b.voiceNoteId, "a message needs text, a post, visuals or a voice note");
export type MessageBody = z.infer<typeof ZMessageBody>;

export const MESSAGE_KINDS = ["text", "post", "visual", "voice", "system"] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];
