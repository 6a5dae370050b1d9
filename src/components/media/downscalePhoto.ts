// Scales a picked photo down in the browser before it is uploaded, as phone messengers
// do: a 12 MP original of 4-8 MB becomes a ~2048 px JPEG of well under 1 MB. Decoding
// and resizing run in createImageBitmap and encoding in OffscreenCanvas.convertToBlob,
// both off the main thread in Chromium; a plain canvas is the fallback. Whatever cannot
// be decoded here (HEIC on Chromium) or would lose frames goes up as it is.
import { ANIMATION_HEAD_BYTES, isAnimated, outputTypeFor, shouldDownscale, targetSize, type Size } from "./downscale";

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

async function encode(bitmap: ImageBitmap, type: string): Promise<Blob | null> {
  if (typeof OffscreenCanvas !== "undefined") {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    canvas.getContext("2d")?.drawImage(bitmap, 0, 0);
    return canvas.convertToBlob({ type, quality: QUALITY });
  }
  const canvas = document.createElement("canvas");
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  canvas.getContext("2d")?.drawImage(bitmap, 0, 0);
  return new Promise((resolve) => canvas.toBlob(resolve, type, QUALITY));
}

const renamed = (name: string, type: string) => `${name.replace(/\.[^.]+$/, "") || "photo"}.${type === "image/webp" ? "webp" : type === "image/png" ? "png" : "jpg"}`;

/** The file to upload for an unedited photo: scaled down, or the original when that would not help. */
export async function downscalePhoto(file: File): Promise<File> {
  if (!file.type.startsWith("image/") || switchedOff()) return file;
  try {
    const head = new Uint8Array(await file.slice(0, ANIMATION_HEAD_BYTES).arrayBuffer());
    const animated = isAnimated(file.type, head);
    if (animated) return file;
    const size = await displayedSize(file);
    if (!size || !shouldDownscale({ type: file.type, ...size, bytes: file.size, animated })) return file;
    const target = targetSize(size);
    const bitmap = await createImageBitmap(file, { imageOrientation: "from-image", resizeWidth: target.width, resizeHeight: target.height, resizeQuality: "medium" });
    try {
      const blob = await encode(bitmap, outputTypeFor(file.type));
      // A re-encode that came out no smaller (or empty) is no gain: the original goes up.
      if (!blob?.size || blob.size >= file.size) return file;
      return new File([blob], renamed(file.name, blob.type), { type: blob.type, lastModified: file.lastModified });
    } finally {
      bitmap.close();
    }
  } catch {
    return file; // the server answers for what the browser could not handle, as before
  }
}
