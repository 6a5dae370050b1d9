// A video's edits applied in the browser before upload, where WebCodecs can encode H.264
// (mediabunny drives the decoders and encoders), so that the server only remuxes and checks
// it: a cut at the start, or a codec the server would have to transcode (HEVC, say, where this
// browser decodes it); it then applies the mute and UPLOADS.maxVideoEdge as the server would. WhatsApp and Instagram do the
// same. Anything this browser cannot do goes up as it is, with its edits as upload fields:
// the server then transcodes in the background.
import { UPLOADS } from "@/shared/limits";
import type { VideoEdits } from "./uploadQueue";

export interface PreparedVideo {
  file: File;
  /** Edits still to apply on the server (none when the browser applied them). */
  edits: VideoEdits;
}

/** "1" in localStorage leaves every video to the server (to compare both paths; harmless otherwise). */
export const SKIP_KEY = "murmur.serverVideoEncode";

const NO_EDITS: VideoEdits = { trimStartMs: 0, trimEndMs: null, muted: false };

/** What the server copies as it is, whatever its size (video.ts `plan`): H.264 in MP4, VP8/VP9 in WebM, not cut at the start. */
export function serverWouldRemux(info: { container: "mp4" | "webm" | "other"; codec: string | null }, edits: VideoEdits): boolean {
  const playable = (info.container === "mp4" && info.codec === "avc") || (info.container === "webm" && (info.codec === "vp8" || info.codec === "vp9"));
  return playable && !(edits.trimStartMs && edits.trimStartMs > 0);
}

/** The output size: the longest edge at most UPLOADS.maxVideoEdge, even numbers (H.264 wants them). */
export function encodedSize(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(1, UPLOADS.maxVideoEdge / Math.max(width, height));
  const even = (n: number) => Math.max(2, Math.round((n * scale) / 2) * 2);
  return { width: even(width), height: even(height) };
}

/**
 * The file to upload: `video` re-encoded here when the server would otherwise transcode it
 * and this browser can, else `video` unchanged. Never throws: a failure sends the original.
 */
export async function prepareVideo(video: File, edits: VideoEdits, onProgress?: (fraction: number) => void, signal?: AbortSignal): Promise<PreparedVideo> {
  const unchanged = { file: video, edits };
  if (typeof VideoEncoder === "undefined" || localStorage.getItem(SKIP_KEY) === "1") return unchanged;
  try {
    const mb = await import("mediabunny");
    const input = new mb.Input({ source: new mb.BlobSource(video), formats: mb.ALL_FORMATS });
    const track = await input.getPrimaryVideoTrack();
    if (!track) return unchanged;
    const mime = (await input.getFormat()).mimeType;
    const container = mime.includes("mp4") || mime.includes("quicktime") ? "mp4" : mime.includes("webm") || mime.includes("matroska") ? "webm" : "other";
    const width = track.displayWidth;
    const height = track.displayHeight;
    if (serverWouldRemux({ container, codec: track.codec }, edits)) return unchanged;
    const size = encodedSize(width, height);
    if (!(await track.canDecode()) || !(await mb.canEncodeVideo("avc", size))) return unchanged;
    const aac = await mb.canEncodeAudio("aac");
    const output = new mb.Output({ format: new mb.Mp4OutputFormat({ fastStart: "in-memory" }), target: new mb.BufferTarget() });
    const conversion = await mb.Conversion.init({
      input,
      output,
      tracks: "primary",
      trim: edits.trimStartMs || edits.trimEndMs !== null ? { start: (edits.trimStartMs ?? 0) / 1000, ...(edits.trimEndMs !== null ? { end: edits.trimEndMs / 1000 } : {}) } : undefined,
      video: { codec: "avc", width: size.width, height: size.height, fit: "contain", bitrate: mb.QUALITY_HIGH },
      // Without an AAC encoder here, Opus: the server then re-encodes the sound only (seconds).
      audio: edits.muted ? { discard: true } : { codec: aac ? "aac" : "opus", bitrate: 128_000 },
    });
    if (!conversion.isValid) return unchanged;
    if (onProgress) conversion.onProgress = onProgress;
    signal?.addEventListener("abort", () => void conversion.cancel(), { once: true });
    await conversion.execute();
    const bytes = (output.target as InstanceType<typeof mb.BufferTarget>).buffer;
    if (!bytes) return unchanged;
    const name = video.name.replace(/\.[^.]+$/, "") + ".mp4";
    return { file: new File([bytes], name, { type: "video/mp4" }), edits: NO_EDITS };
  } catch {
    return unchanged;
  }
}
