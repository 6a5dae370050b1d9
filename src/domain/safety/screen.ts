// Classifying one visual and judging it. A failure or a timeout refuses the visual: the
// filter fails closed, never open.
import { DomainError } from "@/domain/errors";
import { NUDITY } from "@/shared/limits";
import type { NudityClassifier } from "./classifier";
import { imagePixels } from "./pixels";
import { isBlocked, worstScores, type NudityScores } from "./scores";

export type VisualSource =
  | { kind: "image"; file: string | Buffer }
  /** `frames` decodes the sampled frames (start, evenly spaced, end) as 224×224×3 pixels. */
  | { kind: "video"; frames: () => Promise<Uint8Array[]> };

export interface ScreenOptions {
  classifier: NudityClassifier;
  timeoutMs?: number;
}

function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`nudity classification took longer than ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

async function scoreVisual(visual: VisualSource, classifier: NudityClassifier): Promise<NudityScores> {
  if (visual.kind === "image") return classifier.classify(await imagePixels(visual.file));
  const frames = await visual.frames();
  if (!frames.length) throw new Error("the video has no frames to check");
  const scores: NudityScores[] = [];
  // One frame at a time: a video never takes the whole worker pool from other uploads.
  for (const frame of frames) scores.push(await classifier.classify(frame));
  return worstScores(scores);
}

/** The visual's scores (a video's worst frame). NUDITY_CHECK_FAILED when it cannot be classified in time. */
export async function classifyVisual(visual: VisualSource, { classifier, timeoutMs = NUDITY.classifyTimeoutMs }: ScreenOptions): Promise<NudityScores> {
  try {
    return await withTimeout(scoreVisual(visual, classifier), timeoutMs);
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
