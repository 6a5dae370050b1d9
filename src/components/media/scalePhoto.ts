// The pixel work of scaling a photo down, in a Web Worker (downscale.worker.ts) where the
// browser has them, else on the page: decode (a JPEG at a reduced scale), resize, encode,
// and the tray's thumbnail from the same decode. What to make is decided by the caller
// (downscalePhoto.ts); this only draws it.
import type { Size } from "./downscale";

export interface ScaleJob {
  file: File;
  /** The displayed size (EXIF orientation applied) of the upload. */
  target: Size;
  /** A JPEG's reduced decode size covering `target` (jpegDecodeSize), or null for a full decode. */
  decodeAt: Size | null;
  type: string;
  quality: number;
  /** The tray thumbnail's size. */
  previewSize: Size;
}

export interface ScaleResult {
  blob: Blob | null;
  preview: Blob | null;
}

const RESIZE_QUALITY: ResizeQuality = "medium"; // mipmaps: about half the time of "high", no difference one sees at 2048 px

/**
 * The photo as a bitmap of `target`, upright. A JPEG goes through WebCodecs' ImageDecoder,
 * whose desired size lets Chromium's decoder produce an eighth-scale picture directly (5/8
 * of a 12 MP photo: about the time of a full decode, and far less to scale and hold); its
 * frame carries the EXIF orientation, which createImageBitmap applies. Anything else, or an
 * ImageDecoder that did not give a picture covering the target, is decoded in full.
 */
async function decodeScaled(file: File, target: Size, decodeAt: Size | null): Promise<ImageBitmap> {
  const resize = { resizeWidth: target.width, resizeHeight: target.height, resizeQuality: RESIZE_QUALITY };
  if (decodeAt && typeof ImageDecoder !== "undefined") {
    let decoder: ImageDecoder | undefined;
    try {
      decoder = new ImageDecoder({ type: file.type, data: file.stream(), desiredWidth: decodeAt.width, desiredHeight: decodeAt.height });
      const { image } = await decoder.decode();
      try {
        if (image.displayWidth >= target.width && image.displayHeight >= target.height) return await createImageBitmap(image, resize);
      } finally {
        image.close();
      }
    } catch {
      // the full decode below
    } finally {
      decoder?.close();
    }
  }
  return createImageBitmap(file, { imageOrientation: "from-image", ...resize });
}

/** Draws at `size` (a browser that ignored createImageBitmap's resize gets it scaled here) and encodes. */
async function encode(bitmap: ImageBitmap, size: Size, type: string, quality: number): Promise<Blob | null> {
  if (typeof OffscreenCanvas !== "undefined") {
    const canvas = new OffscreenCanvas(size.width, size.height);
    canvas.getContext("2d")?.drawImage(bitmap, 0, 0, size.width, size.height);
    return canvas.convertToBlob({ type, quality });
  }
  const canvas = document.createElement("canvas");
  canvas.width = size.width;
  canvas.height = size.height;
  canvas.getContext("2d")?.drawImage(bitmap, 0, 0, size.width, size.height);
  return new Promise((resolve) => canvas.toBlob(resolve, type, quality));
}

/** The tray's thumbnail, from the already scaled-down bitmap (cheap: a few hundred pixels). */
async function thumbnailOf(bitmap: ImageBitmap, size: Size): Promise<Blob | null> {
  const small = await createImageBitmap(bitmap, { resizeWidth: size.width, resizeHeight: size.height, resizeQuality: RESIZE_QUALITY });
  try {
    return await encode(small, size, "image/webp", 0.8);
  } finally {
    small.close();
  }
}

/** Rejects when the photo cannot be decoded here (the caller then uploads the original). */
export async function scalePhoto(job: ScaleJob): Promise<ScaleResult> {
  const bitmap = await decodeScaled(job.file, job.target, job.decodeAt);
  try {
    const [blob, preview] = await Promise.all([encode(bitmap, job.target, job.type, job.quality), thumbnailOf(bitmap, job.previewSize).catch(() => null)]);
    return { blob, preview };
  } finally {
    bitmap.close();
  }
}
