// The real type of an upload, from its first bytes (never its name or the client's
// Content-Type): an HTML file named photo.jpg is not a photo.
import fsp from "node:fs/promises";
import { fileTypeFromBuffer } from "file-type";

export type SniffedKind = "image" | "video-or-audio";

export interface Sniffed {
  kind: SniffedKind;
  /** As detected, e.g. image/jpeg, video/webm (audio-only WebM and MP4 also sniff as video/*). */
  mime: string;
  ext: string;
}

/** file-type needs at most this many bytes. */
export const SNIFF_BYTES = 4100;

const IMAGES = new Set(["image/jpeg", "image/png", "image/webp", "image/gif", "image/heic", "image/heif", "image/avif"]);
// Containers that can hold a chat video or a voice note; ffprobe then checks the streams.
const TIMED = new Set(["video/mp4", "video/quicktime", "video/webm", "audio/webm", "audio/ogg", "audio/opus", "video/ogg", "audio/mp4", "audio/x-m4a", "audio/m4a"]);

/** What the bytes are, or null when they are nothing we accept. */
export async function sniff(head: Uint8Array): Promise<Sniffed | null> {
  const type = await fileTypeFromBuffer(head.subarray(0, SNIFF_BYTES));
  if (!type) return null;
  const mime = type.mime.split(";")[0].trim(); // "audio/ogg; codecs=opus"
  if (IMAGES.has(mime)) return { kind: "image", mime, ext: type.ext };
  if (TIMED.has(mime)) return { kind: "video-or-audio", mime, ext: type.ext };
  return null;
}

/** What a file on disk is, from its first bytes. */
export async function sniffFile(file: string): Promise<Sniffed | null> {
  const handle = await fsp.open(file, "r");
  try {
    const head = Buffer.alloc(SNIFF_BYTES);
    const { bytesRead } = await handle.read(head, 0, SNIFF_BYTES, 0);
    return sniff(head.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
}
