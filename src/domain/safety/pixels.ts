// Decoding a visual into the classifier's input: 224×224 RGB, stretched (not cropped) so
// that nothing at the edges escapes the model.
import sharp, { type Sharp } from "sharp";
import { NUDITY, VISUALS } from "@/shared/limits";
import { CLASSIFIER_INPUT_SIZE } from "./classifier";

export const FRAME_BYTES = CLASSIFIER_INPUT_SIZE * CLASSIFIER_INPUT_SIZE * 3;
/** Animation frames decoded per sharp call: a bounded amount of memory at a time, whatever the length. */
const PAGES_PER_DECODE = 8;

/** An image (already upright) as the classifier's input: 224×224×3 bytes. */
export const classifierInput = (image: Sharp) => image.resize(CLASSIFIER_INPUT_SIZE, CLASSIFIER_INPUT_SIZE, { fit: "fill" }).removeAlpha().toColourspace("srgb").raw().toBuffer();

/** An image file (path or bytes) as 224×224×3 pixels; the first frame of an animation. */
export async function imagePixels(input: string | Buffer): Promise<Uint8Array> {
  const raw = await classifierInput(sharp(input, { limitInputPixels: VISUALS.maxInputPixels }).rotate()); // EXIF orientation, as the user sees it
  return new Uint8Array(raw.buffer, raw.byteOffset, raw.length);
}

/** How different two frames look, 0 (same) to 1: the mean absolute difference of their bytes. */
export function frameDifference(a: Uint8Array, b: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i] - b[i]);
  return sum / (a.length * 255);
}

/** Which of `pages` frames to screen whatever happens in them: all, or `count` evenly spaced (the first and last included). */
export function evenlySpacedPages(pages: number, count: number = NUDITY.animationFrames): Set<number> {
  if (pages <= count) return new Set(Array.from({ length: pages }, (_, i) => i));
  return new Set(Array.from({ length: count }, (_, i) => Math.round((i * (pages - 1)) / (count - 1))));
}

/**
 * The frames of an image to screen, as 224×224×3 pixels: a still image's one frame; an
 * animation's every frame, or for a long one evenly spaced frames plus every frame that
 * starts a new scene. Frames come composited, as a viewer sees them.
 */
export async function* imageFrames(input: string | Buffer): AsyncGenerator<Uint8Array> {
  const { pages = 1 } = await sharp(input, { limitInputPixels: VISUALS.maxInputPixels }).metadata();
  if (pages <= 1) {
    yield await imagePixels(input);
    return;
  }
  const wanted = evenlySpacedPages(pages);
  let previous: Uint8Array | null = null;
  for (let first = 0; first < pages; first += PAGES_PER_DECODE) {
    const count = Math.min(PAGES_PER_DECODE, pages - first);
    // Animations are stored already rotated and without EXIF: no rotate() (it would turn the page strip).
    const { data, info } = await sharp(input, { limitInputPixels: VISUALS.maxInputPixels, page: first, pages: count }).raw().toBuffer({ resolveWithObject: true });
    const pageHeight = info.pageHeight ?? info.height / count;
    const pageBytes = info.width * pageHeight * info.channels;
    if (data.length < count * pageBytes) throw new Error(`animation frames ${first + 1}-${first + count} could not be read`);
    for (let i = 0; i < count; i++) {
      // Each page scaled on its own: resizing the page strip at once would blend neighbouring frames at their edges.
      const page = data.subarray(i * pageBytes, (i + 1) * pageBytes);
      const raw = await classifierInput(sharp(page, { raw: { width: info.width, height: pageHeight, channels: info.channels } }));
      const frame = new Uint8Array(raw.buffer, raw.byteOffset, raw.length);
      const newScene = previous !== null && frameDifference(previous, frame) > NUDITY.sceneChangeThreshold;
      if (wanted.has(first + i) || newScene) yield frame;
      previous = frame;
    }
  }
}
