// Photos: decode under a pixel limit (decompression bombs), auto-rotate, cap the long
// edge and re-encode without any metadata (EXIF, GPS, XMP, ICC): a new file, not a copy.
import path from "node:path";
import sharp, { type Metadata } from "sharp";
import { DomainError } from "@/domain/errors";
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

/** Decodes (with the pixel limit also enforced by libvips) and writes the stored image into `dir`. */
export async function processImage(file: string, dir: string): Promise<ProcessedImage> {
  const { animated, hasAlpha } = await inspectImage(file);
  // Animation and transparency need WebP; everything else becomes a plain JPEG.
  const ext = animated || hasAlpha ? "webp" : "jpg";
  const out = path.join(dir, `image.${ext}`);
  const edge = VISUALS.maxImageEdge;
  try {
    let pipeline = sharp(file, { limitInputPixels: VISUALS.maxInputPixels, animated })
      .rotate() // EXIF orientation applied to the pixels, since the tag itself is dropped
      .resize({ width: edge, height: edge, fit: "inside", withoutEnlargement: true });
    pipeline = ext === "webp" ? pipeline.webp({ quality: 82 }) : pipeline.jpeg({ quality: 84, progressive: true });
    const info = await pipeline.toFile(out); // no keepMetadata()/withMetadata(): nothing carried over
    return { file: out, mime: ext === "webp" ? "image/webp" : "image/jpeg", ext, width: info.width, height: info.pageHeight ?? info.height };
  } catch (e) {
    if (e instanceof DomainError) throw e;
    throw unsupported("the image cannot be decoded");
  }
}

export interface Preview {
  thumbnail: Buffer;
  /** A tiny blurred image as a data URL, shown while the real one loads. */
  placeholder: string;
}

/** A thumbnail (WebP) and a placeholder from an already safe image (a stored image or a video frame). */
export async function makePreview(input: string | Buffer): Promise<Preview> {
  const base = () => sharp(input, { limitInputPixels: VISUALS.maxInputPixels }).rotate();
  const edge = VISUALS.thumbnailEdge;
  const thumbnail = await base().resize({ width: edge, height: edge, fit: "inside", withoutEnlargement: true }).webp({ quality: 72 }).toBuffer();
  const tiny = await base().resize({ width: 16, height: 16, fit: "inside" }).blur(1.2).webp({ quality: 40 }).toBuffer();
  return { thumbnail, placeholder: `data:image/webp;base64,${tiny.toString("base64")}` };
}
