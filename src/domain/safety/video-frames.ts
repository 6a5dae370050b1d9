// A video's frames for the classifier, in ONE ffmpeg decode pass: the first frame, then at
// least one a second (NUDITY.videoFramesPerSecond) and every frame that starts a new scene
// (ffmpeg's scene score), each scaled to 224×224 RGB (stretched, like images) and read
// from stdout as it comes. ffmpeg applies the display rotation itself.
import { ffmpegRecords } from "@/domain/media/ffmpeg";
import { NUDITY } from "@/shared/limits";
import { CLASSIFIER_INPUT_SIZE } from "./classifier";
import { FRAME_BYTES } from "./pixels";

const DECODE_TIMEOUT_MS = 60_000;

/** ffmpeg's select expression: the first frame, a frame once a period has passed since the last one kept, and every scene change. */
export function frameSelection(framesPerSecond: number = NUDITY.videoFramesPerSecond, sceneThreshold: number = NUDITY.sceneChangeThreshold): string {
  return `isnan(prev_selected_t)+gte(t-prev_selected_t,${1 / framesPerSecond})+gt(scene,${sceneThreshold})`;
}

/** Part of a file: from `startMs`, `lengthMs` long (an original whose kept range is screened while it is transcoded). */
export interface FrameRange {
  startMs: number;
  lengthMs: number;
}

/**
 * The filter chain from a decoded picture to the frames to screen: scaled before the
 * selection (every frame), so that the scene score is computed on small frames. First a
 * point sample to twice the model's size (cheap: only those rows are read), then the area
 * filter's 2×2 average: within 1/255 on average of the area filter alone from the full
 * picture (photo fixtures at 1080p), for about a tenth less of ffmpeg's CPU on 1080p H.264.
 * (fast_bilinear was cheaper still, but off by 6-10/255 on average and up to 250.)
 * The output is `FRAME_PIXEL_FORMAT` records of FRAME_BYTES.
 */
export function screeningFilter(): string {
  const size = CLASSIFIER_INPUT_SIZE;
  return `scale=${2 * size}:${2 * size}:flags=neighbor,scale=${size}:${size}:flags=area,select='${frameSelection()}'`;
}
export const FRAME_PIXEL_FORMAT = "rgb24";

/** The frames of a video file to screen. Throws (at the end) when the file cannot be decoded: an unchecked video is never waved through. */
export function videoFrames(file: string, range?: FrameRange): AsyncGenerator<Uint8Array> {
  const filters = screeningFilter();
  const cut = range ? ["-ss", (range.startMs / 1000).toFixed(3), "-t", (range.lengthMs / 1000).toFixed(3)] : [];
  return ffmpegRecords(
    [
      ...(range && range.startMs > 0 ? cut.slice(0, 2) : []),
      // Every frame is still decoded, without the deblocking filter: it smooths block edges,
      // invisible at 224×224, and was an eighth of a 1080p H.264 clip's decode.
      "-skip_loop_filter",
      "all",
      "-i",
      file,
      ...(range ? cut.slice(2) : []),
      "-an",
      "-sn",
      "-dn",
      "-vf",
      filters,
      "-vsync",
      "vfr",
      "-pix_fmt",
      FRAME_PIXEL_FORMAT,
      "-f",
      "rawvideo",
      "pipe:1",
    ],
    FRAME_BYTES,
    {
      timeoutMs: DECODE_TIMEOUT_MS,
    },
  );
}
