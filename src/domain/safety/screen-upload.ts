// The nudity filter's step in POST /api/media, between decoding and storing: when the
// policy protects anyone in the conversation, the visual is classified before anything is
// kept; a blocked one is refused (NUDITY_BLOCKED) and never stored.
import type { Db } from "@/db/client";
import { nudityClassifier, type NudityClassifier } from "./classifier";
import { needsScreening } from "./policy";
import { checkVisual, type VisualSource } from "./screen";
import { worstScores, type NudityScores } from "./scores";
import { type FrameRange, videoFrames } from "./video-frames";

export interface VisualFile {
  kind: "image" | "video";
  /** The stored image (every animation frame is screened), or the stored video (ffmpeg decodes its frames). */
  file: string;
  /** A video's poster (its thumbnail, shown inline before it plays): screened too. */
  poster?: string | Buffer | null;
  /** A still photo's classifier input, made with the stored file from the same decode (processPhoto). */
  pixels?: Uint8Array | null;
}

export function visualSource({ kind, file, poster, pixels }: VisualFile): VisualSource {
  if (kind === "image") return { kind, file, pixels };
  return { kind, frames: () => videoFrames(file), stills: poster ? [poster] : [] };
}

/** Scores to store with the media, or null when nobody in the conversation is protected. */
export async function screenUpload(db: Db, input: VisualFile & { ownerId: string; conversationId: string }, classifier: NudityClassifier = nudityClassifier()): Promise<NudityScores | null> {
  if (!(await needsScreening(db, input.ownerId, input.conversationId))) return null;
  return checkVisual(visualSource(input), { classifier });
}

export interface BackgroundVideo {
  ownerId: string;
  conversationId: string;
  /** The original upload and the range of it that is kept: the frames the transcode will hold. */
  original: string;
  range: FrameRange;
}

/**
 * A video transcoded in the background: its kept range is screened from the original while
 * `transcode` runs (the same pictures, so the job takes the longer of the two, not both), then
 * the poster the transcode made. Either refusal fails the whole job.
 */
export async function screenWhileTranscoding<T extends { thumbnail: Buffer | null }>(
  db: Db,
  input: BackgroundVideo,
  transcode: () => Promise<T>,
  classifier: NudityClassifier = nudityClassifier(),
): Promise<{ result: T; scores: NudityScores | null }> {
  if (!(await needsScreening(db, input.ownerId, input.conversationId))) return { result: await transcode(), scores: null };
  const [frames, result] = await Promise.all([checkVisual({ kind: "video", frames: () => videoFrames(input.original, input.range) }, { classifier }), transcode()]);
  const poster = result.thumbnail ? await checkVisual({ kind: "image", file: result.thumbnail }, { classifier }) : null;
  return { result, scores: poster ? worstScores([frames, poster]) : frames };
}
