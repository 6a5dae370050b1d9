import { z } from "zod";
import "./zod-config";
import { INT32_MAX, MESSAGE, VISUALS } from "../limits";
import { multiLine, singleLine } from "./text";

export const ZClientId = singleLine(z.string().trim().min(1).max(MESSAGE.clientIdMax));
export const ZId = singleLine(z.string().min(1).max(64));

/** The fields of a message body; ZMessageBody adds the "needs some content" rule. */
export const ZMessageFields = z.object({
  clientId: ZClientId,
  text: multiLine(z.string().max(MESSAGE.textMax)).optional(),
  sharedPostId: ZId.optional(),
  mediaIds: z
    .array(ZId)
    .min(1)
    .max(VISUALS.maxPerMessage * 4)
    .optional(), // the domain enforces the real limit (TOO_MANY_VISUALS)
  voiceNoteId: ZId.optional(),
  replyToId: ZId.optional(),
});

const hasContent = (b: z.infer<typeof ZMessageFields>) => Boolean(b.text?.trim() || b.sharedPostId || b.mediaIds?.length || b.voiceNoteId);
const contentMessage = "a message needs text, a post, visuals or a voice note";

/**
 * The body of a message, over HTTP and the socket alike. Which kind it becomes:
 * voiceNoteId → "voice" (alone: no text, post or visuals); mediaIds → "visual" (text is
 * its caption); sharedPostId → "post" (text is a note with it); else "text".
 */
export const ZMessageBody = ZMessageFields.refine(hasContent, contentMessage);
export type MessageBody = z.infer<typeof ZMessageBody>;

/** `message:send` over the socket: the same body plus the conversation. */
export const ZSocketSend = ZMessageFields.extend({ conversationId: ZId }).refine(hasContent, contentMessage);
export type SocketSend = z.infer<typeof ZSocketSend>;

export const MESSAGE_KINDS = ["text", "post", "visual", "voice", "system"] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

/** `PATCH /api/messages/:id`: a new text for one's own text message. */
export const ZEditMessage = z.object({
  text: multiLine(z.string().max(MESSAGE.textMax)).refine((t) => t.trim().length > 0, "text must not be empty"),
});

/** One emoji (a grapheme of up to a few code points, e.g. 👍🏽 or ❤️‍🔥). */
export const ZEmoji = z
  .string()
  .min(1)
  .max(32)
  .refine((e) => /\p{Extended_Pictographic}|\p{Regional_Indicator}/u.test(e) && [...new Intl.Segmenter().segment(e)].length === 1, "one emoji");

/** `PUT /api/messages/:id/reaction`. */
export const ZReaction = z.object({ emoji: ZEmoji });

/** Socket: `message:react` ({emoji: null} removes), `message:edit`, `message:unsend`. */
export const ZSocketReact = z.object({ messageId: ZId, emoji: ZEmoji.nullable() });
export const ZSocketEdit = ZEditMessage.extend({ messageId: ZId });
export const ZSocketUnsend = z.object({ messageId: ZId });

/** `GET /api/conversations/:id/messages?after&before&limit`. */
const ZSeqParam = z.coerce.number().int().min(0).max(INT32_MAX);
export const ZHistoryQuery = z.object({
  after: ZSeqParam.optional(),
  before: ZSeqParam.optional(),
  limit: z.coerce.number().int().min(1).max(MESSAGE.pageSizeMax).default(MESSAGE.pageSizeDefault),
});
export type HistoryQuery = z.infer<typeof ZHistoryQuery>;
