// Scales a picked photo down in the browser before it is uploaded, as phone messengers
// do: a 12 MP original of 4-8 MB becomes a ~2048 px JPEG of well under 1 MB, and the
// tray's thumbnail comes from the same decode (the page would otherwise decode every
// 12 MP original a second time to draw a 92 px tile, and stop painting meanwhile). Decoding
// and resizing run in createImageBitmap and encoding in OffscreenCanvas.convertToBlob,
// both off the main thread in Chromium; a plain canvas is the fallback. Whatever cannot
// be decoded here (HEIC on Chromium) or would lose frames goes up as it is.
import { ANIMATION_HEAD_BYTES, isAnimated, outputTypeFor, PREVIEW_EDGE, shouldDownscale, targetSize, type Size } from "./downscale";

const QUALITY = 0.9;
// "medium" (mipmaps) decodes and halves a 12 MP photo in about half the time of "high", with
// no difference one sees at 2048 px; the server resizes and re-encodes it again anyway.

/** Only benchmarks set it (localStorage "murmur:downscale" = "off"), to measure uploads of the originals. */
const switchedOff = () => {
  try {
    return localStorage.getItem("murmur:downscale") === "off";
  } catch {
    return false;
  }
};

/** The photo's displayed size (EXIF orientation applied) from its header, without decoding its pixels. */
function displayedSize(file: File): Promise<Size | null> {
  return new Promise((resolve) => {
    const img = new Image();
    const url = URL.createObjectURL(file);
    const done = (size: Size | null) => {
      URL.revokeObjectURL(url);
      resolve(size);
    };
    img.onload = () => done({ width: img.naturalWidth, height: img.naturalHeight });
    img.onerror = () => done(null);
    img.src = url;
  });
}

/** Draws at `size` (a browser that ignored createImageBitmap's resize gets it scaled here) and encodes. */
async function encode(bitmap: ImageBitmap, size: Size, type: string, quality = QUALITY): Promise<Blob | null> {
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
async function thumbnailOf(bitmap: ImageBitmap, of: Size): Promise<Blob | null> {
  const size = targetSize(of, PREVIEW_EDGE);
  const small = await createImageBitmap(bitmap, { resizeWidth: size.width, resizeHeight: size.height, resizeQuality: "medium" });
  try {
    return await encode(small, size, "image/webp", 0.8);
  } finally {
    small.close();
  }
}

export interface PreparedPhoto {
  /** What to upload: the scaled-down copy, or the original when that would not help. */
  file: File;
  /** A small picture for the tray, when the photo was decoded here. */
  preview: Blob | null;
}

const renamed = (name: string, type: string) => `${name.replace(/\.[^.]+$/, "") || "photo"}.${type === "image/webp" ? "webp" : type === "image/png" ? "png" : "jpg"}`;

/** Scales an unedited photo down for upload (and draws its thumbnail), or keeps the original. */
export async function downscalePhoto(file: File): Promise<PreparedPhoto> {
  const asItIs = { file, preview: null };
  if (!file.type.startsWith("image/") || switchedOff()) return asItIs;
  try {
    const head = new Uint8Array(await file.slice(0, ANIMATION_HEAD_BYTES).arrayBuffer());
    const animated = isAnimated(file.type, head);
    if (animated) return asItIs;
    const size = await displayedSize(file);
    if (!size || !shouldDownscale({ type: file.type, ...size, bytes: file.size, animated })) return asItIs;
    const target = targetSize(size);
    const bitmap = await createImageBitmap(file, { imageOrientation: "from-image", resizeWidth: target.width, resizeHeight: target.height, resizeQuality: "medium" });
    try {
      const [blob, preview] = await Promise.all([encode(bitmap, target, outputTypeFor(file.type)), thumbnailOf(bitmap, target).catch(() => null)]);
      // A re-encode that came out no smaller (or empty) is no gain: the original goes up.
      if (!blob?.size || blob.size >= file.size) return { file, preview };
      return { file: new File([blob], renamed(file.name, blob.type), { type: blob.type, lastModified: file.lastModified }), preview };
    } finally {
      bitmap.close();
    }
  } catch {
    return asItIs; // the server answers for what the browser could not handle, as before
  }
}
