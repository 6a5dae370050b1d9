// The screening step between decoding and storing: the point where the nudity filter
// inspects a visual before anything is kept. The rules live in src/domain/safety.
import type { Db } from "@/db/client";
import { screenUpload } from "@/domain/safety/screen-upload";
import type { NudityScores } from "@/domain/safety/scores";

export interface ScreeningInput {
  ownerId: string;
  conversationId: string;
  kind: "image" | "video";
  /** The decoded, re-encoded file about to be stored: what viewers will be served. */
  file: string;
  /** A video's poster (the thumbnail about to be stored with it). */
  poster?: Buffer | null;
  /** A still photo's classifier input, from the pixels `file` was encoded from (the same picture, not decoded again). */
  pixels?: Uint8Array | null;
}

/** Resolves with scores to store with the media (or null); throws a DomainError to refuse the upload. */
export async function screenVisual(db: Db, input: ScreeningInput): Promise<NudityScores | null> {
  return screenUpload(db, input);
}
