// Decoding a visual into the classifier's input: 224×224 RGB, stretched (not cropped) so
// that nothing at the edges escapes the model.
import sharp from "sharp";
import { VISUALS } from "@/shared/limits";
import { CLASSIFIER_INPUT_SIZE } from "./classifier";

/** An image file (path or bytes) as 224×224×3 pixels; the first frame of an animation. */
export async function imagePixels(input: string | Buffer): Promise<Uint8Array> {
  const raw = await sharp(input, { limitInputPixels: VISUALS.maxInputPixels })
    .rotate() // EXIF orientation, as the user sees it
    .resize(CLASSIFIER_INPUT_SIZE, CLASSIFIER_INPUT_SIZE, { fit: "fill" })
    .removeAlpha()
    .toColourspace("srgb")
    .raw()
    .toBuffer();
  return new Uint8Array(raw.buffer, raw.byteOffset, raw.length);
}
