// Photos: decode under a pixel limit (decompression bombs), auto-rotate, cap the long
// edge and re-encode without any metadata (EXIF, GPS, XMP, ICC): a new file, not a copy.
import path from "node:path";
import sharp, { type Metadata, type OutputInfo, type Sharp } from "sharp";
import { DomainError } from "@/domain/errors";
import { classifierInput } from "@/domain/safety/pixels";
import { VISUALS } from "@/shared/limits";

export interface ProcessedImage {
  file: string;
  mime: "image/jpeg" | "image/webp";
  ext: "jpg" | "webp";
  width: number;
  height: number;
}

const unsupported = (why: string) => new DomainError("UNSUPPORTED_MEDIA", why);

/** Header facts only; refuses what would decode to too many pixels before decoding anything. */
export async function inspectImage(file: string) {
  let meta: Metadata;
  try {
    meta = await sharp(file, { limitInputPixels: false }).metadata();
  } catch {
    throw unsupported("the image cannot be read");
  }
  if (!meta.width || !meta.height) throw unsupported("the image has no size");
  const frameHeight = meta.pageHeight ?? meta.height;
  const pixels = meta.width * frameHeight * (meta.pages ?? 1);
  if (pixels > VISUALS.maxInputPixels) {
    throw new DomainError("MEDIA_TOO_LARGE", "the image has too many pixels", { details: { maxInputPixels: VISUALS.maxInputPixels } });
  }
  return { animated: (meta.pages ?? 1) > 1, hasAlpha: !!meta.hasAlpha };
}

const resizeToEdge = { width: VISUALS.maxImageEdge, height: VISUALS.maxImageEdge, fit: "inside", withoutEnlargement: true } as const;
const encoded = (pipeline: Sharp, ext: "jpg" | "webp") => (ext === "webp" ? pipeline.webp({ quality: 82 }) : pipeline.jpeg({ quality: 84, progressive: true }));
const outputOf = (dir: string, ext: "jpg" | "webp") => ({ out: path.join(dir, `image.${ext}`), mime: ext === "webp" ? ("image/webp" as const) : ("image/jpeg" as const) });

/** Decodes (with the pixel limit also enforced by libvips) and writes the stored image into `dir`. */
export async function processImage(file: string, dir: string): Promise<ProcessedImage> {
  const { animated, hasAlpha } = await inspectImage(file);
  // Animation and transparency need WebP; everything else becomes a plain JPEG.
  const ext = animated || hasAlpha ? "webp" : "jpg";
  const { out, mime } = outputOf(dir, ext);
  try {
    const pipeline = sharp(file, { limitInputPixels: VISUALS.maxInputPixels, animated })
      .rotate() // EXIF orientation applied to the pixels, since the tag itself is dropped
      .resize(resizeToEdge);
    const info = await encoded(pipeline, ext).toFile(out); // no keepMetadata()/withMetadata(): nothing carried over
    return { file: out, mime, ext, width: info.width, height: info.pageHeight ?? info.height };
  } catch (e) {
    if (e instanceof DomainError) throw e;
    throw unsupported("the image cannot be decoded");
  }
}

export interface ProcessedPhoto extends ProcessedImage, Preview {
  /** A still photo's 224×224×3 pixels for the nudity filter, from the pixels the stored file was encoded from; null for an animation (every frame is screened from the file). */
  screeningPixels: Uint8Array | null;
}

/**
 * An uploaded photo: the stored image (as processImage), its thumbnail and placeholder and,
 * for a still photo, the nudity filter's input, all from ONE decode: the photo is decoded,
 * turned upright and sized once into memory (at most 2048 px, about 12 MB), and every
 * output is made from those pixels. (The stored file, then its thumbnail, placeholder and
 * screening input each decoded again: four decodes an upload.) Animations keep the file path.
 */
export async function processPhoto(file: string, dir: string): Promise<ProcessedPhoto> {
  const { animated, hasAlpha } = await inspectImage(file);
  if (animated) {
    const image = await processImage(file, dir);
    return { ...image, ...(await makePreview(image.file)), screeningPixels: null };
  }
  const ext = hasAlpha ? "webp" : "jpg";
  const { out, mime } = outputOf(dir, ext);
  let decoded: { data: Buffer; info: OutputInfo };
  try {
    decoded = await sharp(file, { limitInputPixels: VISUALS.maxInputPixels })
      .rotate() // EXIF orientation applied to the pixels, since the tag itself is dropped
      .resize(resizeToEdge)
      .toColourspace("srgb") // an embedded ICC profile (or CMYK) converted, as the encoders would
      .raw({ depth: "uchar" })
      .toBuffer({ resolveWithObject: true });
  } catch {
    throw unsupported("the image cannot be decoded");
  }
  const { width, height, channels } = decoded.info;
  const pixels = () => sharp(decoded.data, { raw: { width, height, channels } });
  // The raw pixels carry no metadata: nothing from the upload (EXIF, GPS, XMP, ICC) can reach the outputs.
  const [, preview, screening] = await Promise.all([encoded(pixels(), ext).toFile(out), previewOf(pixels), classifierInput(pixels())]);
  return { file: out, mime, ext, width, height, ...preview, screeningPixels: new Uint8Array(screening.buffer, screening.byteOffset, screening.length) };
}

export interface Preview {
  thumbnail: Buffer;
  /** A tiny blurred image as a data URL, shown while the real one loads. */
  placeholder: string;
}

async function previewOf(base: () => Sharp): Promise<Preview> {
  const edge = VISUALS.thumbnailEdge;
  const [thumbnail, tiny] = await Promise.all([
    base().resize({ width: edge, height: edge, fit: "inside", withoutEnlargement: true }).webp({ quality: 72 }).toBuffer(),
    base().resize({ width: 16, height: 16, fit: "inside" }).blur(1.2).webp({ quality: 40 }).toBuffer(),
  ]);
  return { thumbnail, placeholder: `data:image/webp;base64,${tiny.toString("base64")}` };
}

/** A thumbnail (WebP) and a placeholder from an already safe image (a stored image or a video frame). */
export async function makePreview(input: string | Buffer): Promise<Preview> {
  return previewOf(() => sharp(input, { limitInputPixels: VISUALS.maxInputPixels }).rotate());
}
