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
 * A second output of one ffmpeg run, read while it runs: the args write raw records of
 * `recordBytes` to `pipe:3` (say, the frames to screen, decoded once for both outputs).
 */
export interface RecordsTap<S> {
  recordBytes: number;
  /**
   * Reads the records as they come; they end with an error when ffmpeg fails. A rejection
   * kills ffmpeg at once (the other output is then worthless) and is what the run rejects with.
   */
  read(records: AsyncIterable<Uint8Array>): Promise<S>;
}

/** The records of `recordBytes` in a stream of bytes, as they come; then the process's verdict (`exited`: null when it exited cleanly). */
async function* recordsOf(stream: AsyncIterable<Buffer>, recordBytes: number, exited: Promise<string | null>, stderr: () => string): AsyncGenerator<Uint8Array> {
  let pending: Buffer = Buffer.alloc(0);
  for await (const chunk of stream) {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    while (pending.length >= recordBytes) {
      yield Uint8Array.prototype.slice.call(pending, 0, recordBytes);
      pending = pending.subarray(recordBytes);
    }
  }
  const failure = await exited;
  if (failure) throw new FfmpegError(`ffmpeg failed: ${failure}`, stderr());
}

/**
 * Runs ffmpeg like `ffmpeg()` and reports how far it got: `onTimeMs` hears the output's
 * timestamp (from `-progress`, about twice a second). Resolves once ffmpeg exits cleanly,
 * with what `records` read from its pipe:3 when there is one.
 */
export function ffmpegWithProgress<S = undefined>(
  args: string[],
  onTimeMs: (ms: number) => void,
  { timeoutMs = UPLOADS.ffmpegTimeoutMs, records }: Pick<RunOptions, "timeoutMs"> & { records?: RecordsTap<S> } = {},
): Promise<S | undefined> {
  return withSlot(
    () =>
      new Promise<S | undefined>((resolve, reject) => {
        const child = spawn(ffmpegPath(), [...QUIET, "-progress", "pipe:1", ...args], { stdio: ["ignore", "pipe", "pipe", records ? "pipe" : "ignore"], windowsHide: true });
        let stderr = "";
        let partial = "";
        child.stderr!.on("data", (chunk: Buffer) => {
          stderr = (stderr + chunk.toString("utf8")).slice(-4000);
        });
        child.stdout!.on("data", (chunk: Buffer) => {
          const lines = (partial + chunk.toString("utf8")).split("\n");
          partial = lines.pop() ?? "";
          for (const line of lines) {
            const m = /^out_time_us=(\d+)/.exec(line);
            if (m) onTimeMs(Number(m[1]) / 1000);
          }
        });
        const exited = new Promise<string | null>((done) => {
          child.once("error", (e) => done(e.message));
          child.once("close", (code, signal) => done(code === 0 ? null : `exit ${code ?? signal}`));
        });
        // The reader's refusal stops ffmpeg; its own failure (ffmpeg's) does not count as ours.
        let refused: { error: unknown } | undefined;
        const read = records
          ? records.read(recordsOf(child.stdio[3] as unknown as AsyncIterable<Buffer>, records.recordBytes, exited, () => stderr)).catch((error: unknown) => {
              if (child.exitCode === null && child.signalCode === null) {
                refused = { error };
                child.kill("SIGKILL");
              }
              throw error;
            })
          : Promise.resolve(undefined);
        read.catch(() => {}); // settled below
        const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
        void exited.then(async (failure) => {
          clearTimeout(timer);
          if (refused) return reject(refused.error);
          if (failure) return reject(new FfmpegError(`ffmpeg failed: ${failure}`, stderr));
          try {
            resolve(await read);
          } catch (e) {
            reject(e);
          }
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
    yield* recordsOf(child.stdout as AsyncIterable<Buffer>, recordBytes, exited, () => stderr);
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
