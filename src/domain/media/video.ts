// Videos: check the streams and length, apply the sender's edits (trim, mute), strip
// every metadata tag (GPS lives there on phones) and keep a format browsers play:
// H.264 (+AAC) in MP4, or VP8/VP9 (+Opus/Vorbis) in WebM. Playable streams are copied
// (remux: fast, lossless); anything else is transcoded to H.264/AAC MP4.
import path from "node:path";
import { DomainError } from "@/domain/errors";
import { UPLOADS, VISUALS } from "@/shared/limits";
import { isDomainError } from "@/domain/errors";
import { ffmpeg, ffmpegWithProgress, ffprobe, FfmpegError, type Probe, type ProbeStream, type RecordsTap } from "./ffmpeg";
import { makePreview, type Preview } from "./image";

export interface VideoEdits {
  trimStartMs?: number;
  trimEndMs?: number;
  muted?: boolean;
}

export interface ProcessedVideo extends Preview {
  file: string;
  mime: "video/mp4" | "video/webm";
  ext: "mp4" | "webm";
  width: number;
  height: number;
  durationMs: number;
  /** How the file was made: "remux" copies the streams, "transcode" re-encodes. */
  method: "remux" | "transcode";
}

const unsupported = (why: string) => new DomainError("UNSUPPORTED_MEDIA", why);
const tooLong = () => new DomainError("MEDIA_TOO_LARGE", "the video is too long", { details: { maxDurationMs: VISUALS.videoMaxMs } });

const seconds = (ms: number) => (ms / 1000).toFixed(3);

/** The display rotation in degrees clockwise (0, 90, 180, 270), as phones record portrait video. */
function rotationOf(stream: ProbeStream): number {
  const fromSideData = stream.side_data_list?.find((d) => typeof d.rotation === "number")?.rotation;
  const degrees = fromSideData !== undefined ? -fromSideData : Number(stream.tags?.rotate ?? 0);
  return (((Math.round(degrees / 90) * 90) % 360) + 360) % 360;
}

function headerDurationMs(probe: Probe): number | null {
  const d = Number(probe.format.duration);
  return Number.isFinite(d) && d > 0 ? Math.round(d * 1000) : null;
}

async function probeVideo(file: string) {
  let probe: Probe;
  try {
    probe = await ffprobe(file);
  } catch {
    throw unsupported("the video cannot be read");
  }
  const video = probe.streams.find((s) => s.codec_type === "video" && !s.disposition?.attached_pic);
  if (!video?.width || !video.height) throw unsupported("no video stream");
  const audio = probe.streams.find((s) => s.codec_type === "audio");
  return { probe, video, audio };
}

type Plan = { container: "mp4" | "webm"; copyVideo: boolean; audio: "none" | "copy" | "encode" };

/** Copy what browsers play; re-encode the rest. A cut that does not start at 0 is re-encoded to be frame-exact. */
function plan(probe: Probe, video: ProbeStream, audio: ProbeStream | undefined, edits: VideoEdits): Plan {
  const format = probe.format.format_name;
  const isMp4 = /mp4|mov/.test(format);
  const isWebm = /webm|matroska/.test(format);
  const cutsStart = (edits.trimStartMs ?? 0) > 0;
  const audioNeeded = !!audio && !edits.muted;
  if (isWebm && !cutsStart && (video.codec_name === "vp8" || video.codec_name === "vp9")) {
    return { container: "webm", copyVideo: true, audio: !audioNeeded ? "none" : ["opus", "vorbis"].includes(audio!.codec_name ?? "") ? "copy" : "encode" };
  }
  const h264Playable = video.codec_name === "h264" && ["yuv420p", "yuvj420p"].includes(video.pix_fmt ?? "");
  const copyVideo = isMp4 && !cutsStart && h264Playable;
  const audioCopy = copyVideo && ["aac", "mp3"].includes(audio?.codec_name ?? "");
  return { container: "mp4", copyVideo, audio: !audioNeeded ? "none" : audioCopy ? "copy" : "encode" };
}

function validateEdits(edits: VideoEdits, durationMs: number | null) {
  const start = edits.trimStartMs ?? 0;
  const end = edits.trimEndMs;
  if (start < 0 || (end !== undefined && end <= start)) throw new DomainError("VALIDATION_FAILED", "trimEndMs must be after trimStartMs");
  if (end !== undefined && end - start < UPLOADS.minTrimmedVideoMs) throw new DomainError("VALIDATION_FAILED", "the trimmed video is too short");
  if (durationMs !== null && start >= durationMs) throw new DomainError("VALIDATION_FAILED", "trimStartMs is past the end of the video");
}

// A transcode makes 720p at most (as messengers send video): a 60 s 1080p clip encodes in
// seconds on two cores, where 1080p took about twice as long.
const maxEdge = UPLOADS.maxVideoEdge;
const SCALE_DOWN = `scale='if(gte(iw,ih),min(${maxEdge},iw),-2)':'if(gte(iw,ih),-2,min(${maxEdge},ih))'`;

/**
 * Frames of a transcode's own decode for a reader beside it (the screening): the decoded
 * picture (rotated as shown) goes through `filter` too, and what comes out is written as
 * raw `pixelFormat` records to the reader while the transcode runs. One decode for both.
 */
export interface FrameTap<S> extends RecordsTap<S> {
  /** The filter chain from the decoded picture to the records (a scale and a select, say). */
  filter: string;
  pixelFormat: string;
}

function ffmpegArgs(input: string, out: string, p: Plan, edits: VideoEdits, video: ProbeStream, tap?: FrameTap<unknown>): string[] {
  const start = edits.trimStartMs ?? 0;
  // Never store more than the limit, whatever the header claimed (checked again on the result).
  const capMs = VISUALS.videoMaxMs + 1000;
  const lengthMs = Math.min(edits.trimEndMs !== undefined ? edits.trimEndMs - start : capMs, capMs);
  const tapped = tap && !p.copyVideo;
  // The probed picture stream by its index: never an embedded cover picture (attached_pic), which nobody screened as the video.
  const picture = `0:${video.index}`;
  const args = [...(start > 0 ? ["-ss", seconds(start)] : []), "-i", input];
  if (tapped) args.push("-filter_complex", `[${picture}]split=2[encode][tap];[encode]${SCALE_DOWN}[video];[tap]${tap.filter}[frames]`);
  args.push("-t", seconds(lengthMs), "-map", tapped ? "[video]" : picture);
  if (p.audio !== "none") args.push("-map", "0:a:0");
  args.push("-map_metadata", "-1", "-map_chapters", "-1", "-sn", "-dn");
  if (p.copyVideo) {
    args.push("-c:v", "copy");
    // Dropping metadata would drop the phone's portrait rotation with it: keep that one fact.
    const rotation = rotationOf(video);
    if (rotation && p.container === "mp4") args.push("-metadata:s:v:0", `rotate=${rotation}`);
  } else {
    if (!tapped) args.push("-vf", SCALE_DOWN);
    args.push("-c:v", "libx264", "-preset", UPLOADS.videoPreset, "-crf", "23", "-pix_fmt", "yuv420p", "-profile:v", "high");
  }
  if (p.audio === "none") args.push("-an");
  else if (p.audio === "copy") args.push("-c:a", "copy");
  else args.push(...(p.container === "webm" ? ["-c:a", "libopus", "-b:a", "96k"] : ["-c:a", "aac", "-b:a", "128k"]));
  if (p.container === "mp4") args.push("-movflags", "+faststart", "-f", "mp4");
  else args.push("-f", "webm");
  args.push(out);
  // The second output: the tapped frames, of the same kept range, to pipe:3. (-vsync is one
  // setting for both outputs: vfr keeps the selected frames as they come, and the encode's timestamps as decoded.)
  if (tapped) args.push("-t", seconds(lengthMs), "-map", "[frames]", "-vsync", "vfr", "-pix_fmt", tap.pixelFormat, "-f", "rawvideo", "pipe:3");
  return args;
}

async function posterFrame(file: string, durationMs: number): Promise<Buffer> {
  const grab = (atMs: number) =>
    ffmpeg(["-ss", seconds(atMs), "-i", file, "-frames:v", "1", "-vf", "scale='if(gte(iw,ih),min(640,iw),-2)':'if(gte(iw,ih),-2,min(640,ih))'", "-f", "image2pipe", "-c:v", "png", "pipe:1"], {
      timeoutMs: 60_000,
    });
  // A frame a little in (the first is often black), else the very first.
  const frame = await grab(Math.min(1000, durationMs / 3)).catch(() => Buffer.alloc(0));
  return frame.length ? frame : grab(0);
}

export interface VideoInspection {
  probe: Probe;
  video: ProbeStream;
  audio: ProbeStream | undefined;
  plan: Plan;
  /** The header's length, when it gives one (a claim: the result is measured again). */
  claimedMs: number | null;
  /** The remux plan copies the picture (fast); false: it is re-encoded (seconds to minutes). */
  remux: boolean;
}

/** The cheap checks, before any transcode: a readable video stream, the edits, the claimed length. */
export async function inspectVideo(file: string, edits: VideoEdits = {}): Promise<VideoInspection> {
  const { probe, video, audio } = await probeVideo(file);
  const claimedMs = headerDurationMs(probe);
  if (claimedMs !== null && claimedMs > VISUALS.videoMaxMs + 500 && edits.trimEndMs === undefined) throw tooLong();
  validateEdits(edits, claimedMs);
  const p = plan(probe, video, audio, edits);
  return { probe, video, audio, plan: p, claimedMs, remux: p.copyVideo };
}

/** Decodes the first picture of the kept range: a file ffprobe reads but ffmpeg cannot decode is refused at once. */
export async function assertDecodable(file: string, edits: VideoEdits = {}): Promise<void> {
  const start = edits.trimStartMs ?? 0;
  const frame = await ffmpeg([...(start > 0 ? ["-ss", seconds(start)] : []), "-i", file, "-frames:v", "1", "-an", "-f", "image2pipe", "-c:v", "png", "pipe:1"], { timeoutMs: 30_000 }).catch(() =>
    Buffer.alloc(0),
  );
  if (!frame.length) throw unsupported("the video cannot be decoded");
}

export interface ProcessOptions<S> {
  /** How far the encode got, from 0 to 1 (a transcode reports as it goes; a remux only at the end). */
  onProgress?: (fraction: number) => void;
  /** Frames from the transcode's decode, read while it runs (a remux decodes nothing: then `tapped` is unset). A rejection of the reader fails the processing with its error. */
  tap?: FrameTap<S>;
}

/** The length the result will have, for progress: the kept range, capped. */
function expectedMs(edits: VideoEdits, claimedMs: number | null): number {
  const start = edits.trimStartMs ?? 0;
  const end = edits.trimEndMs ?? claimedMs ?? VISUALS.videoMaxMs;
  return Math.max(1, Math.min(end, claimedMs ?? end) - start);
}

export async function processVideo<S = never>(file: string, dir: string, edits: VideoEdits = {}, options: ProcessOptions<S> = {}): Promise<ProcessedVideo & { tapped?: { value: S } }> {
  const inspected = await inspectVideo(file, edits);
  const { video } = inspected;
  let p = inspected.plan;
  const lengthMs = expectedMs(edits, inspected.claimedMs);
  const { onProgress, tap } = options;
  let tapped: { value: S } | undefined;
  const encode = async (args: string[], withTap: boolean) => {
    if (!onProgress && !withTap) return void (await ffmpeg(args));
    const value = await ffmpegWithProgress(args, (ms) => onProgress?.(Math.min(1, Math.max(0, ms / lengthMs))), { records: withTap ? tap : undefined });
    if (withTap) tapped = { value: value as S };
  };
  let method: ProcessedVideo["method"] = p.copyVideo ? "remux" : "transcode";
  let out = path.join(dir, `video.${p.container}`);
  try {
    await encode(ffmpegArgs(file, out, p, edits, video, tap), !!tap && !p.copyVideo);
  } catch (e) {
    if (isDomainError(e)) throw e; // the tap's reader refused (a blocked frame): that verdict, not "undecodable"
    if (!(e instanceof FfmpegError) || !p.copyVideo) throw unsupported("the video cannot be decoded");
    // Some files do not survive a plain remux: re-encode them instead.
    p = { container: "mp4", copyVideo: false, audio: p.audio === "none" ? "none" : "encode" };
    method = "transcode";
    out = path.join(dir, "video.mp4");
    try {
      await encode(ffmpegArgs(file, out, p, edits, video, tap), !!tap);
    } catch (e) {
      if (isDomainError(e)) throw e;
      throw unsupported("the video cannot be decoded");
    }
  }
  // The result's own facts: its length is measured from the packets just written.
  const result = await probeVideo(out).catch(() => {
    throw unsupported("the video cannot be decoded");
  });
  const durationMs = headerDurationMs(result.probe);
  if (durationMs === null) throw unsupported("the video has no length");
  if (durationMs > VISUALS.videoMaxMs + 500) throw tooLong();
  const quarterTurn = rotationOf(result.video) % 180 === 90;
  const width = quarterTurn ? result.video.height! : result.video.width!;
  const height = quarterTurn ? result.video.width! : result.video.height!;

  let preview: Preview;
  try {
    preview = await makePreview(await posterFrame(out, durationMs));
  } catch {
    throw unsupported("the video has no decodable frame");
  }
  return {
    file: out,
    mime: p.container === "webm" ? "video/webm" : "video/mp4",
    ext: p.container,
    width,
    height,
    durationMs,
    method,
    ...preview,
    ...(tapped ? { tapped } : {}),
  };
}
