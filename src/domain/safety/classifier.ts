// The nudity classifier as the domain sees it: batches of 224×224 RGB pixels in, scores out.
// The server registers one at start (the real model in worker threads, or the test
// fixture); it lives on globalThis because Next's bundles and src/server.ts load separate
// copies of this module.
import type { NudityScores } from "./scores";

/** Side of the square image the model takes; pixels are 3 bytes (RGB), row by row. */
export const CLASSIFIER_INPUT_SIZE = 224;

export interface NudityClassifier {
  /** Scores a batch of 224×224×3 images, one score per image in order. Rejects when classification fails. */
  classify(frames: readonly Uint8Array[]): Promise<NudityScores[]>;
}

const registry = globalThis as unknown as { __murmurClassifier?: NudityClassifier };

export function registerClassifier(classifier: NudityClassifier | undefined): void {
  registry.__murmurClassifier = classifier;
}

/** With none registered every classification fails, so visuals that need screening are refused. */
const unavailable: NudityClassifier = {
  classify: () => Promise.reject(new Error("no nudity classifier is running")),
};

export function nudityClassifier(): NudityClassifier {
  return registry.__murmurClassifier ?? unavailable;
}
