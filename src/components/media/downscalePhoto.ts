// Scales a picked photo down in the browser before it is uploaded, as phone messengers
// do: a 12 MP original of 4-8 MB becomes a ~2048 px JPEG of well under 1 MB, and the
// tray's thumbnail comes from the same decode (the page would otherwise decode every
// 12 MP original a second time to draw a 92 px tile, and stop painting meanwhile). The
// pixel work (scalePhoto.ts: a JPEG decoded at a reduced scale, resized, encoded) runs in a
// small pool of Web Workers, one photo each, so that both cores work and the page's main
// thread stays free (Chromium's convertToBlob on the main thread also waits for idle time);
// without workers it runs on the page. Whatever cannot be decoded here (HEIC on Chromium)
// or would lose frames goes up as it is.
import { ANIMATION_HEAD_BYTES, isAnimated, jpegDecodeSize, outputTypeFor, PREVIEW_EDGE, shouldDownscale, targetSize, type Size } from "./downscale";
import type { WorkerRequest, WorkerResponse } from "./downscale.worker";
import { type ScaleJob, type ScaleResult, scalePhoto } from "./scalePhoto";
import { CONCURRENT_PREPARES } from "./uploadQueue";

const QUALITY = 0.9;

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

/** Idle workers are ended after this long: a worker holds some memory between photos. */
const IDLE_MS = 15_000;

/** A photo a worker has not answered in this long is scaled on the page instead (a worker that hung or never loaded). */
const JOB_TIMEOUT_MS = 30_000;

interface PoolWorker {
  worker: Worker;
  idleTimer?: ReturnType<typeof setTimeout>;
  /** Its script failed to load or it crashed, possibly while idle (a warmed worker). */
  failed: boolean;
}

const idle: PoolWorker[] = [];
const waiting: ((w: PoolWorker | null) => void)[] = [];
let started = 0;
let workersBroken = typeof Worker === "undefined" || typeof OffscreenCanvas === "undefined";
let nextId = 0;

function newWorker(): PoolWorker | null {
  try {
    const worker = new Worker(new URL("./downscale.worker.ts", import.meta.url), { type: "module", name: "downscale" });
    started++;
    const w: PoolWorker = { worker, failed: false };
    worker.addEventListener("error", (e) => {
      e.preventDefault();
      w.failed = true;
    });
    return w;
  } catch {
    workersBroken = true;
    return null;
  }
}

/** An idle worker, a new one within CONCURRENT_PREPARES, or (all busy) the next one freed; null: none can run. */
function acquire(): Promise<PoolWorker | null> {
  const free = idle.pop();
  if (free) {
    clearTimeout(free.idleTimer);
    if (!free.failed) return Promise.resolve(free);
    discard(free);
    return Promise.resolve(null);
  }
  if (workersBroken) return Promise.resolve(null);
  if (started < CONCURRENT_PREPARES) return Promise.resolve(newWorker());
  return new Promise((resolve) => waiting.push(resolve));
}

function release(w: PoolWorker) {
  const next = waiting.shift();
  if (next) return next(w);
  w.idleTimer = setTimeout(() => {
    idle.splice(idle.indexOf(w), 1);
    started--;
    w.worker.terminate();
  }, IDLE_MS);
  idle.push(w);
}

/**
 * Starts the pool's workers ahead of the first photo (their scripts load and compile while
 * the user is still in the file picker), to be ended when idle as any other.
 */
export function warmDownscaleWorkers() {
  if (switchedOff()) return;
  while (!workersBroken && started < CONCURRENT_PREPARES) {
    const w = newWorker();
    if (w) release(w);
  }
}

/** A worker that failed to load or crashed is ended; the photo is then scaled on the page. */
function discard(w: PoolWorker) {
  w.worker.terminate();
  started--;
  workersBroken = true;
  for (const resolve of waiting.splice(0)) resolve(null);
}

function inWorker(w: PoolWorker, job: ScaleJob): Promise<ScaleResult | "worker failed"> {
  if (w.failed) return Promise.resolve("worker failed");
  return new Promise((resolve, reject) => {
    const id = ++nextId;
    const done = () => {
      clearTimeout(timer);
      w.worker.removeEventListener("message", onMessage);
      w.worker.removeEventListener("error", onError);
    };
    const onMessage = ({ data }: MessageEvent<WorkerResponse>) => {
      if (data.id !== id) return;
      done();
      if (data.ok) resolve({ blob: data.blob, preview: data.preview });
      else reject(new Error(data.error));
    };
    const onError = () => {
      done();
      resolve("worker failed");
    };
    const timer = setTimeout(onError, JOB_TIMEOUT_MS);
    w.worker.addEventListener("message", onMessage);
    w.worker.addEventListener("error", onError);
    w.worker.postMessage({ id, job } satisfies WorkerRequest);
  });
}

/** Runs the job in a pooled worker, or on the page when workers cannot. Rejects when the photo cannot be decoded. */
async function scale(job: ScaleJob): Promise<ScaleResult> {
  const w = await acquire();
  if (!w) return scalePhoto(job);
  let result: ScaleResult | "worker failed";
  try {
    result = await inWorker(w, job);
  } catch (e) {
    release(w);
    throw e;
  }
  if (result !== "worker failed") {
    release(w);
    return result;
  }
  discard(w);
  return scalePhoto(job);
}

export interface PreparedPhoto {
  /** What to upload: the scaled-down copy, or the original when that would not help. */
  file: File;
  /** A small picture for the tray, when the photo was decoded here. */
  preview: Blob | null;
}

const renamed = (name: string, type: string) => `${name.replace(/\.[^.]+$/, "") || "photo"}.${type === "image/webp" ? "webp" : type === "image/png" ? "png" : "jpg"}`;

/** Scales an unedited photo down for upload (and draws its thumbnail), or keeps the original. */
export async function downscalePhoto(file: File): Promise<PreparedPhoto> {
  const asItIs = { file, preview: null };
  if (!file.type.startsWith("image/") || switchedOff()) return asItIs;
  try {
    const head = new Uint8Array(await file.slice(0, ANIMATION_HEAD_BYTES).arrayBuffer());
    const animated = isAnimated(file.type, head);
    if (animated) return asItIs;
    const size = await displayedSize(file);
    if (!size || !shouldDownscale({ type: file.type, ...size, bytes: file.size, animated })) return asItIs;
    const target = targetSize(size);
    const decodeAt = file.type === "image/jpeg" ? jpegDecodeSize(size, target) : null;
    const { blob, preview } = await scale({ file, target, decodeAt, type: outputTypeFor(file.type), quality: QUALITY, previewSize: targetSize(target, PREVIEW_EDGE) });
    // A re-encode that came out no smaller (or empty) is no gain: the original goes up.
    if (!blob?.size || blob.size >= file.size) return { file, preview };
    return { file: new File([blob], renamed(file.name, blob.type), { type: blob.type, lastModified: file.lastModified }), preview };
  } catch {
    return asItIs; // the server answers for what the browser could not handle, as before
  }
}
