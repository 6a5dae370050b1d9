// The nudity filter's step in POST /api/media, between decoding and storing: when the
// policy protects anyone in the conversation, the visual is classified before anything is
// kept; a blocked one is refused (NUDITY_BLOCKED) and never stored.
import type { Db } from "@/db/client";
import { UPLOADS } from "@/shared/limits";
import { nudityClassifier, type NudityClassifier } from "./classifier";
import { needsScreening } from "./policy";
import { checkVisual, type VisualSource } from "./screen";
import { worstScores, type NudityScores } from "./scores";
import { FRAME_BYTES } from "./pixels";
import { FRAME_PIXEL_FORMAT, type FrameRange, screeningFilter, videoFrames } from "./video-frames";

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

/** What screenWhileTranscoding hands the transcode: the frames to screen, read from its own decode (see FrameTap in media/video). */
export interface ScreeningTap {
  filter: string;
  pixelFormat: string;
  recordBytes: number;
  read(frames: AsyncIterable<Uint8Array>): Promise<NudityScores>;
}

/** Screens the frames a transcode's decode hands it, as they come: the scores, or NUDITY_BLOCKED / NUDITY_CHECK_FAILED. */
export function screeningTap(classifier: NudityClassifier = nudityClassifier()): ScreeningTap {
  return {
    filter: screeningFilter(),
    pixelFormat: FRAME_PIXEL_FORMAT,
    recordBytes: FRAME_BYTES,
    // The frames come at the transcode's pace, so the transcode's own time limit bounds this
    // screening (each batch still has the classifier pool's), not the one for a bare decode.
    read: (frames) => checkVisual({ kind: "video", frames: () => frames }, { classifier, timeoutMs: UPLOADS.ffmpegTimeoutMs }),
  };
}

/**
 * A video transcoded in the background, screened from the same decode: the transcode's
 * ffmpeg also writes the kept range's frames to screen (a frame a second plus scene changes,
 * see videoFrames), which are classified as they come; a refusal stops the transcode at once.
 * A transcode that decoded nothing (`tapped` unset: a remux) is screened from the original
 * afterwards. Then the poster the transcode made. Either refusal fails the whole job.
 */
export async function screenWhileTranscoding<T extends { thumbnail: Buffer | null; tapped?: { value: NudityScores } }>(
  db: Db,
  input: BackgroundVideo,
  transcode: (tap?: ScreeningTap) => Promise<T>,
  classifier: NudityClassifier = nudityClassifier(),
): Promise<{ result: T; scores: NudityScores | null }> {
  if (!(await needsScreening(db, input.ownerId, input.conversationId))) return { result: await transcode(), scores: null };
  const result = await transcode(screeningTap(classifier));
  const frames = result.tapped ? result.tapped.value : await checkVisual({ kind: "video", frames: () => videoFrames(input.original, input.range) }, { classifier });
  const poster = result.thumbnail ? await checkVisual({ kind: "image", file: result.thumbnail }, { classifier }) : null;
  return { result, scores: poster ? worstScores([frames, poster]) : frames };
}
