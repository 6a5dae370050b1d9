// TEST-ONLY classifier (MURMUR_CLASSIFIER=fixture): scores an image by its average colour,
// so tests can exercise the policy through HTTP and the socket without any explicit
// material. Never use it in production: it does not look at content at all.
//   mostly red      → porn 0.9            (blocked: porn + hentai ≥ 0.4)
//   mostly magenta  → sexy 0.8            (blocked: porn + hentai + sexy ≥ 0.7)
//   mostly black    → classification fails (refused, as for a real failure)
//   anything else   → neutral 1
import { CLASSIFIER_INPUT_SIZE, type NudityClassifier } from "./classifier";
import type { NudityScores } from "./scores";

const neutral: NudityScores = { drawing: 0, hentai: 0, neutral: 1, porn: 0, sexy: 0 };

function averageColour(pixels: Uint8Array) {
  let r = 0;
  let g = 0;
  let b = 0;
  for (let i = 0; i < pixels.length; i += 3) {
    r += pixels[i];
    g += pixels[i + 1];
    b += pixels[i + 2];
  }
  const n = pixels.length / 3;
  return { r: r / n, g: g / n, b: b / n };
}

export function fixtureScores(pixels: Uint8Array): NudityScores {
  if (pixels.length !== CLASSIFIER_INPUT_SIZE * CLASSIFIER_INPUT_SIZE * 3) throw new Error("fixture classifier: wrong input size");
  const { r, g, b } = averageColour(pixels);
  if (r < 20 && g < 20 && b < 20) throw new Error("fixture classifier: simulated failure (black image)");
  if (r >= 180 && g <= 70 && b <= 70) return { ...neutral, neutral: 0.1, porn: 0.9 };
  if (r >= 180 && g <= 70 && b >= 180) return { ...neutral, neutral: 0.2, sexy: 0.8 };
  return neutral;
}

export const fixtureClassifier: NudityClassifier = {
  classify: async (frames) => frames.map(fixtureScores),
};
