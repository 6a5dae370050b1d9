// Classifying one visual and judging it by its worst frame, in batches classified while the
// rest is still decoding. A failure or a timeout refuses the visual: the filter fails closed, never open.
import { DomainError } from "@/domain/errors";
import { NUDITY } from "@/shared/limits";
import type { NudityClassifier } from "./classifier";
import { frameBatches } from "./frame-batches";
import { imageFrames, imagePixels } from "./pixels";
import { isBlocked, worstScores, type NudityScores } from "./scores";

export type VisualSource =
  /**
   * A photo, or an animation (every frame it shows, see imageFrames). `pixels`: a still
   * photo's 224×224×3 input, already made from the pixels its stored file was encoded from
   * (then the file is not decoded again).
   */
  | { kind: "image"; file: string | Buffer; pixels?: Uint8Array | null }
  | {
      kind: "video";
      /** Decodes the frames to screen as 224×224×3 pixels (see videoFrames). */
      frames: () => AsyncIterable<Uint8Array>;
      /** Pictures shown with the video (its poster/thumbnail): screened like photos. */
      stills?: readonly (string | Buffer)[];
    };

export interface ScreenOptions {
  classifier: NudityClassifier;
  timeoutMs?: number;
}

async function* framesOf(visual: VisualSource): AsyncGenerator<Uint8Array> {
  if (visual.kind === "image") {
    if (visual.pixels) yield visual.pixels;
    else yield* imageFrames(visual.file);
    return;
  }
  for (const still of visual.stills ?? []) yield await imagePixels(still);
  yield* visual.frames();
}

/** The worst frame's scores; stops at the first blocked batch (the verdict cannot get better) or when `stop` is set. */
async function scoreVisual(visual: VisualSource, classifier: NudityClassifier, stop: { stopped: boolean }): Promise<NudityScores> {
  const scores: NudityScores[] = [];
  // One batch in the model at a time: a video never takes the whole worker pool from other
  // uploads, and ffmpeg decodes the next frames meanwhile.
  const batches = frameBatches(capped(framesOf(visual), stop), { maxBatch: NUDITY.classifyBatchFrames, maxBuffered: 2 * NUDITY.classifyBatchFrames });
  for await (const batch of batches) {
    if (stop.stopped) throw new Error("nudity classification was stopped");
    const batchScores = await classifier.classify(batch);
    if (batchScores.length !== batch.length) throw new Error(`the classifier answered ${batchScores.length} scores for ${batch.length} frames`);
    scores.push(...batchScores);
    if (batchScores.some(isBlocked)) break;
  }
  if (!scores.length) throw new Error("the visual has no frames to check");
  return worstScores(scores);
}

/** The frames, failing past the cap (checked as they are decoded, so a strobe is not decoded to its end) or once `stop` is set: never a partial verdict. */
async function* capped(frames: AsyncIterable<Uint8Array>, stop: { stopped: boolean }): AsyncGenerator<Uint8Array> {
  let count = 0;
  for await (const frame of frames) {
    if (stop.stopped) throw new Error("nudity classification was stopped");
    if (++count > NUDITY.maxScreenedFrames) throw new Error(`more than ${NUDITY.maxScreenedFrames} frames to check`);
    yield frame;
  }
}

function withTimeout<T>(work: (stop: { stopped: boolean }) => Promise<T>, ms: number): Promise<T> {
  const stop = { stopped: false };
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      stop.stopped = true; // the work gives up at its next frame (and kills its ffmpeg)
      reject(new Error(`nudity classification took longer than ${ms} ms`));
    }, ms);
  });
  return Promise.race([work(stop), timeout]).finally(() => clearTimeout(timer));
}

/** The visual's scores (its worst frame). NUDITY_CHECK_FAILED when it cannot be classified in time. */
export async function classifyVisual(visual: VisualSource, { classifier, timeoutMs = NUDITY.classifyTimeoutMs }: ScreenOptions): Promise<NudityScores> {
  try {
    return await withTimeout((stop) => scoreVisual(visual, classifier, stop), timeoutMs);
  } catch (e) {
    console.error("nudity classification failed", e);
    throw new DomainError("NUDITY_CHECK_FAILED", "The photo or video could not be checked.");
  }
}

/** Classifies and judges: the scores when allowed, NUDITY_BLOCKED when not. */
export async function checkVisual(visual: VisualSource, options: ScreenOptions): Promise<NudityScores> {
  const scores = await classifyVisual(visual, options);
  if (isBlocked(scores)) throw new DomainError("NUDITY_BLOCKED", "This visual may contain nudity.");
  return scores;
}
