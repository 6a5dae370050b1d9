// The one place that runs ffmpeg and ffprobe: binaries from npm packages (so that
// `npm ci` suffices) unless FFMPEG_PATH / FFPROBE_PATH point elsewhere; always
// execFile (no shell), with a timeout, and at most one run per core at a time.
import { execFile, spawn } from "node:child_process";
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
  constructor(
    message: string,
    readonly stderr: string,
  ) {
    super(message);
    this.name = "FfmpegError";
  }
}

// A small semaphore: media jobs queue instead of oversubscribing the CPUs.
const slots = { free: Math.max(1, os.availableParallelism?.() ?? os.cpus().length), waiting: [] as (() => void)[] };
/** Waits for a free slot; call the returned function once to give it back. */
async function acquireSlot(): Promise<() => void> {
  if (slots.free > 0) slots.free--;
  else await new Promise<void>((resolve) => slots.waiting.push(resolve));
  let released = false;
  return () => {
    if (released) return;
    released = true;
    const next = slots.waiting.shift();
    if (next) next();
    else slots.free++;
  };
}
async function withSlot<T>(fn: () => Promise<T>): Promise<T> {
  const release = await acquireSlot();
  try {
    return await fn();
  } finally {
    release();
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
        execFile(binary, args, { encoding: "buffer", timeout: timeoutMs, killSignal: "SIGKILL", maxBuffer: maxStdout, windowsHide: true }, (error, stdout, stderr) => {
          const err = stderr.toString("utf8").slice(-4000);
          if (error) reject(new FfmpegError(`${binary.split("/").pop()} failed: ${error.message.split("\n")[0]}`, err));
          else resolve(stdout);
        });
      }),
  );
}

const QUIET = ["-hide_banner", "-nostdin", "-v", "error", "-y"];

/**
 * Runs ffmpeg like `ffmpeg()` and reports how far it got: `onTimeMs` hears the output's
 * timestamp (from `-progress`, about twice a second). Resolves once ffmpeg exits cleanly.
 */
export function ffmpegWithProgress(args: string[], onTimeMs: (ms: number) => void, { timeoutMs = UPLOADS.ffmpegTimeoutMs }: Pick<RunOptions, "timeoutMs"> = {}): Promise<void> {
  return withSlot(
    () =>
      new Promise<void>((resolve, reject) => {
        const child = spawn(ffmpegPath(), [...QUIET, "-progress", "pipe:1", ...args], { stdio: ["ignore", "pipe", "pipe"], windowsHide: true });
        let stderr = "";
        let partial = "";
        child.stderr.on("data", (chunk: Buffer) => {
          stderr = (stderr + chunk.toString("utf8")).slice(-4000);
        });
        child.stdout.on("data", (chunk: Buffer) => {
          const lines = (partial + chunk.toString("utf8")).split("\n");
          partial = lines.pop() ?? "";
          for (const line of lines) {
            const m = /^out_time_us=(\d+)/.exec(line);
            if (m) onTimeMs(Number(m[1]) / 1000);
          }
        });
        const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
        child.once("error", (e) => {
          clearTimeout(timer);
          reject(new FfmpegError(`ffmpeg failed: ${e.message}`, stderr));
        });
        child.once("close", (code, signal) => {
          clearTimeout(timer);
          if (code === 0) resolve();
          else reject(new FfmpegError(`ffmpeg failed: exit ${code ?? signal}`, stderr));
        });
      }),
  );
}

/** Runs ffmpeg (quiet, never interactive) and resolves with its stdout. */
export function ffmpeg(args: string[], options: RunOptions = {}): Promise<Buffer> {
  return run(ffmpegPath(), [...QUIET, ...args], options);
}

/**
 * Runs ffmpeg and yields its stdout cut into records of `recordBytes` (raw video frames)
 * as they come, so that the caller works on one while ffmpeg decodes the next and never
 * holds them all. Stopping the iteration early kills ffmpeg; a failed run throws at the end.
 */
export async function* ffmpegRecords(args: string[], recordBytes: number, { timeoutMs = UPLOADS.ffmpegTimeoutMs }: Pick<RunOptions, "timeoutMs"> = {}): AsyncGenerator<Uint8Array> {
  const release = await acquireSlot();
  const child = spawn(ffmpegPath(), [...QUIET, ...args], { stdio: ["ignore", "pipe", "pipe"], windowsHide: true });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => {
    stderr = (stderr + chunk.toString("utf8")).slice(-4000);
  });
  const exited = new Promise<string | null>((resolve) => {
    child.once("error", (e) => resolve(e.message));
    child.once("close", (code, signal) => resolve(code === 0 ? null : `exit ${code ?? signal}`));
  });
  const timer = setTimeout(() => {
    child.kill("SIGKILL");
    release(); // even while the caller still holds the iteration open
  }, timeoutMs);
  try {
    let pending: Buffer = Buffer.alloc(0);
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      while (pending.length >= recordBytes) {
        yield Uint8Array.prototype.slice.call(pending, 0, recordBytes);
        pending = pending.subarray(recordBytes);
      }
    }
    const failure = await exited;
    if (failure) throw new FfmpegError(`ffmpeg failed: ${failure}`, stderr);
  } finally {
    clearTimeout(timer);
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    release();
  }
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
