// A video's frames for the classifier: the start, evenly spaced frames between, and the
// very end, each scaled to 224×224 RGB (stretched, like images). ffmpeg via the media
// wrapper (execFile, timeout, one run per core); it applies the display rotation itself.
import { ffmpeg } from "@/domain/media/ffmpeg";
import { NUDITY } from "@/shared/limits";
import { CLASSIFIER_INPUT_SIZE } from "./classifier";

const FRAME_BYTES = CLASSIFIER_INPUT_SIZE * CLASSIFIER_INPUT_SIZE * 3;
const FRAME_ARGS = ["-an", "-sn", "-dn", "-vf", `scale=${CLASSIFIER_INPUT_SIZE}:${CLASSIFIER_INPUT_SIZE}`, "-pix_fmt", "rgb24", "-f", "rawvideo", "pipe:1"];
/** The end frame: decode this last stretch and keep its final frame (seeking to the exact end finds nothing). */
const END_WINDOW_S = 0.5;
const FRAME_TIMEOUT_MS = 60_000;

const seconds = (ms: number) => (ms / 1000).toFixed(3);

/** Where to look, in ms: the start and evenly spaced points before the end (the end itself is read separately). */
export function frameTimesMs(durationMs: number, count: number = NUDITY.videoFrames): number[] {
  const between = Math.max(1, count - 1);
  return Array.from({ length: between }, (_, i) => Math.round((durationMs * i) / between));
}

async function frameAt(file: string, atMs: number): Promise<Uint8Array | null> {
  const out = await ffmpeg(["-ss", seconds(atMs), "-i", file, "-frames:v", "1", ...FRAME_ARGS], { timeoutMs: FRAME_TIMEOUT_MS, maxStdout: FRAME_BYTES * 2 });
  return out.length >= FRAME_BYTES ? new Uint8Array(out.buffer, out.byteOffset, FRAME_BYTES) : null;
}

async function lastFrame(file: string): Promise<Uint8Array | null> {
  // At most 0.5 s of frames (even at 240 fps, 120 frames × 150 KB).
  const out = await ffmpeg(["-sseof", `-${END_WINDOW_S}`, "-i", file, ...FRAME_ARGS], { timeoutMs: FRAME_TIMEOUT_MS, maxStdout: FRAME_BYTES * 130 });
  const whole = Math.floor(out.length / FRAME_BYTES);
  if (!whole) return null;
  return new Uint8Array(out.buffer, out.byteOffset + (whole - 1) * FRAME_BYTES, FRAME_BYTES);
}

/** The sampled frames of a video file. Fails when any of them cannot be read: an unchecked frame is never waved through. */
export async function videoFrames(file: string, durationMs: number, count: number = NUDITY.videoFrames): Promise<Uint8Array[]> {
  const frames = await Promise.all([...frameTimesMs(durationMs, count).map((t) => frameAt(file, t)), lastFrame(file)]);
  const missing = frames.findIndex((f) => f === null);
  if (missing >= 0) throw new Error(`video frame ${missing + 1} of ${frames.length} could not be read`);
  return frames as Uint8Array[];
}
