import { z } from "zod";
import "./zod-config";
import { VISUALS } from "../limits";
import { ZId } from "./messages";

const ZMs = z.coerce
  .number()
  .int()
  .min(0)
  .max(VISUALS.videoMaxMs * 10);
const ZFlag = z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1");

/**
 * The text fields of `POST /api/media` (multipart/form-data). Send them before `file`,
 * so the server knows the kind while the bytes stream in.
 * Video edits (the recipient gets the edited file): `trimStartMs`, `trimEndMs`, `muted`.
 * Photos are edited in the browser and arrive edited.
 */
export const ZMediaUploadFields = z.object({
  conversationId: ZId,
  kind: z.enum(["voice"]).optional(),
  trimStartMs: ZMs.optional(),
  trimEndMs: ZMs.optional(),
  muted: ZFlag.optional(),
  /** A photo's or video's description for screen readers (not for voice notes); blank means none. */
  altText: z
    .string()
    .max(VISUALS.altTextMax)
    .transform((v) => v.trim() || undefined)
    .optional(),
});
export type MediaUploadFields = z.infer<typeof ZMediaUploadFields>;

/**
 * The query string of `POST /api/media`: the conversation (and a voice note's kind)
 * before the body, so that who may upload there is checked before a byte is read.
 */
export const ZMediaUploadQuery = z.object({
  conversationId: ZId.optional(),
  kind: z.enum(["voice"]).optional(),
});

export const MEDIA_KINDS = ["image", "video", "voice"] as const;
export type MediaKind = (typeof MEDIA_KINDS)[number];

/** The wire shape of an uploaded file (201 of POST /api/media). */
export interface MediaView {
  id: string;
  kind: MediaKind;
  mime: string;
  width: number | null;
  height: number | null;
  durationMs?: number;
  waveform?: number[];
  url: string;
  thumbnailUrl: string | null;
  placeholder: string | null;
  altText: string | null;
  /** A video still transcoding in the background (or whose processing failed); absent once ready. */
  status?: "processing" | "failed";
}
