// Which photos the composer scales down before uploading, and to what size. Pure: the
// browser side (decode, draw, encode) is downscalePhoto.ts. The server re-encodes every
// photo anyway; scaling down first only saves the upload of pixels it would drop.
import { VISUALS } from "@/shared/limits";

export interface PhotoFacts {
  type: string;
  width: number;
  height: number;
  bytes: number;
  animated: boolean;
}

export interface Size {
  width: number;
  height: number;
}

/** Re-encoding these would lose something: an animation's frames (a GIF may be one, only a full parse tells), a vector. */
const KEPT_AS_THEY_ARE = new Set(["image/gif", "image/svg+xml"]);

export function shouldDownscale(photo: PhotoFacts, maxEdge: number = VISUALS.maxImageEdge): boolean {
  if (!photo.type.startsWith("image/") || KEPT_AS_THEY_ARE.has(photo.type) || photo.animated) return false;
  if (!(photo.width > 0 && photo.height > 0)) return false;
  return Math.max(photo.width, photo.height) > maxEdge || photo.bytes > VISUALS.smallImageBytes;
}

/** The size within `maxEdge` on the long edge, same aspect, never enlarged. */
export function targetSize(size: Size, maxEdge: number = VISUALS.maxImageEdge): Size {
  const scale = Math.min(1, maxEdge / Math.max(size.width, size.height));
  return { width: Math.max(1, Math.round(size.width * scale)), height: Math.max(1, Math.round(size.height * scale)) };
}

/**
 * The size to decode a JPEG at: the smallest of libjpeg's eighths (1/8 … 8/8, which its
 * inverse DCT produces almost for free) that still covers `target`, so that a 12 MP photo
 * headed for 2048 px is decoded at 5/8 (2520 px) instead of in full and then scaled. Null
 * when only the full size covers it.
 */
export function jpegDecodeSize(size: Size, target: Size): Size | null {
  for (let eighths = 1; eighths < 8; eighths++) {
    const width = Math.ceil((size.width * eighths) / 8);
    const height = Math.ceil((size.height * eighths) / 8);
    if (width >= target.width && height >= target.height) return { width, height };
  }
  return null;
}

/** The long edge of the tray's thumbnail: a 92 px tile, cropped square, at up to 3 device pixels per CSS pixel. */
export const PREVIEW_EDGE = 384;

/** Formats that may be transparent stay in one that keeps the alpha (WebP); the rest become JPEG. */
export const outputTypeFor = (type: string) => (type === "image/png" || type === "image/webp" ? "image/webp" : "image/jpeg");

/** The first bytes read to tell an animation: a PNG's acTL comes before its first IDAT. */
export const ANIMATION_HEAD_BYTES = 256 * 1024;

const ascii = (bytes: Uint8Array, at: number, length: number) => String.fromCharCode(...bytes.subarray(at, at + length));

/** True for an animated WebP or PNG (APNG), and for any GIF; false for a still WebP or PNG and other formats. */
export function isAnimated(type: string, head: Uint8Array): boolean {
  if (type === "image/gif") return true;
  if (type === "image/webp") {
    // RIFF....WEBPVP8X, then the flags byte: 0x02 is "animation".
    return ascii(head, 0, 4) === "RIFF" && ascii(head, 8, 4) === "WEBP" && ascii(head, 12, 4) === "VP8X" && (head[20] & 0x02) !== 0;
  }
  if (type === "image/png" || type === "image/apng") {
    const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
    for (let at = 8; at + 8 <= head.length; ) {
      const name = ascii(head, at + 4, 4);
      if (name === "acTL") return true;
      if (name === "IDAT" || name === "IEND") return false;
      at += 12 + view.getUint32(at);
    }
    return true; // no IDAT within the head: not sure, so kept as it is
  }
  return false;
}
