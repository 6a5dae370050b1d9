// The one place that runs ffmpeg and ffprobe: binaries from npm packages (so that
// `npm ci` suffices) unless FFMPEG_PATH / FFPROBE_PATH point elsewhere; always
// execFile (no shell), with a timeout, and at most one run per core at a time.
import { execFile } from "node:child_process";
import os from "node:os";
import { createRequire } from "node:module";
import { UPLOADS } from "@/shared/limits";

const require = createRequire(import.meta.url);

export function ffmpegPath(): string {
  return process.env.FFMPEG_PATH || (require("@ffmpeg-installer/ffmpeg") as { path: string }).path;
}
export function ffprobePath(): string {
  return process.env.FFPROBE_PATH || (require("@ffprobe-installer/ffprobe") as { path: string }).path;
}

export class FfmpegError extends Error {
  constructor(message: string, readonly stderr: string) {
    super(message);
    this.name = "FfmpegError";
  }
}

// A small semaphore: media jobs queue instead of oversubscribing the CPUs.
const slots = { free: Math.max(1, os.availableParallelism?.() ?? os.cpus().length), waiting: [] as (() => void)[] };
async function withSlot<T>(fn: () => Promise<T>): Promise<T> {
  if (slots.free > 0) slots.free--;
  else await new Promise<void>((resolve) => slots.waiting.push(resolve));
  try {
    return await fn();
  } finally {
    const next = slots.waiting.shift();
    if (next) next();
    else slots.free++;
  }
}

interface RunOptions {
  timeoutMs?: number;
  /** Largest stdout kept (bytes). */
  maxStdout?: number;
}

function run(binary: string, args: string[], { timeoutMs = UPLOADS.ffmpegTimeoutMs, maxStdout = 8 * 1024 * 1024 }: RunOptions): Promise<Buffer> {
  return withSlot(
    () =>
      new Promise<Buffer>((resolve, reject) => {
        execFile(
          binary,
          args,
          { encoding: "buffer", timeout: timeoutMs, killSignal: "SIGKILL", maxBuffer: maxStdout, windowsHide: true },
          (error, stdout, stderr) => {
            const err = stderr.toString("utf8").slice(-4000);
            if (error) reject(new FfmpegError(`${binary.split("/").pop()} failed: ${error.message.split("\n")[0]}`, err));
            else resolve(stdout);
          },
        );
      }),
  );
}

/** Runs ffmpeg (quiet, never interactive) and resolves with its stdout. */
export function ffmpeg(args: string[], options: RunOptions = {}): Promise<Buffer> {
  return run(ffmpegPath(), ["-hide_banner", "-nostdin", "-v", "error", "-y", ...args], options);
}

export interface ProbeStream {
  index: number;
  codec_type: "video" | "audio" | "subtitle" | "data" | "attachment";
  codec_name?: string;
  profile?: string;
  pix_fmt?: string;
  width?: number;
  height?: number;
  duration?: string;
  tags?: Record<string, string>;
  side_data_list?: { side_data_type?: string; rotation?: number }[];
  disposition?: { attached_pic?: number };
}
export interface Probe {
  streams: ProbeStream[];
  format: { format_name: string; duration?: string; size?: string; bit_rate?: string };
}

/** ffprobe's view of a file: its streams and container (header facts: they can lie). */
export async function ffprobe(file: string, options: RunOptions = {}): Promise<Probe> {
  const out = await run(ffprobePath(), ["-v", "error", "-show_format", "-show_streams", "-of", "json", file], { timeoutMs: 30_000, ...options });
  const parsed = JSON.parse(out.toString("utf8")) as Partial<Probe>;
  if (!parsed.format || !Array.isArray(parsed.streams)) throw new FfmpegError("ffprobe gave no format", "");
  return parsed as Probe;
}
