// The screening step between decoding and storing: the point where the nudity filter
// (issue 6, the safety work) inspects a visual before anything is kept. Today nothing is
// screened here; the pipeline in upload.ts calls it for every image and video.
import type { Db } from "@/db/client";

export interface ScreeningInput {
  ownerId: string;
  conversationId: string;
  kind: "image" | "video";
  /** The decoded, re-encoded file about to be stored (an image, or a video to sample frames from). */
  file: string;
}

/** Resolves with scores to store with the media (or null); throws a DomainError to refuse the upload. */
export async function screenVisual(_db: Db, _input: ScreeningInput): Promise<Record<string, number> | null> {
  return null;
}
