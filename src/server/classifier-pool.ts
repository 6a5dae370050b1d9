// The real nudity classifier: a small pool of worker threads, each running
// workers/classify.worker.mjs (nsfwjs on tfjs's WebAssembly backend), so that inference
// never blocks the event loop. A job is a batch of frames the worker runs through the
// model at once; one job per worker at a time; a worker that crashes or hangs is
// replaced, and its job fails (the caller then refuses the visual).
import { Worker } from "node:worker_threads";
import type { NudityClassifier } from "@/domain/safety/classifier";
import type { NudityScores } from "@/domain/safety/scores";

export interface ClassifierPoolOptions {
  /** Absolute path of workers/classify.worker.mjs. */
  workerPath: string;
  size: number;
  /** A job running longer than this kills its worker (a hung model must not hold the slot). */
  jobTimeoutMs: number;
}

export interface ClassifierPool extends NudityClassifier {
  /** Resolves once every worker has loaded the model, with the slowest load time and the WebAssembly build it runs. */
  ready(): Promise<WorkerReady>;
  close(): Promise<void>;
}

export interface WorkerReady {
  loadMs: number;
  simd: boolean;
  threads: number;
}

interface Job {
  frames: readonly Uint8Array[];
  resolve(scores: NudityScores[]): void;
  reject(error: Error): void;
}

interface Slot {
  worker: Worker;
  ready: Promise<WorkerReady>;
  loaded: boolean;
  dead: boolean;
  job?: Job & { id: number; timer: NodeJS.Timeout };
}

/** After a worker died before loading, wait this long before the next try. */
const RESPAWN_DELAY_MS = 2000;

export function startClassifierPool({ workerPath, size, jobTimeoutMs }: ClassifierPoolOptions): ClassifierPool {
  const queue: Job[] = [];
  const slots: Slot[] = [];
  let nextId = 1;
  let closed = false;

  function spawn(index: number): void {
    const worker = new Worker(workerPath);
    let markReady: (ready: WorkerReady) => void = () => {};
    let markFailed: (e: Error) => void = () => {};
    const slot: Slot = {
      worker,
      loaded: false,
      dead: false,
      ready: new Promise<WorkerReady>((resolve, reject) => {
        markReady = resolve;
        markFailed = reject;
      }),
    };
    slot.ready.catch(() => {}); // observed through ready() only
    slots[index] = slot;

    worker.on("message", (message: { type?: string; loadMs?: number; simd?: boolean; threads?: number; id?: number; scores?: NudityScores[]; error?: string }) => {
      if (message.type === "ready") {
        slot.loaded = true;
        markReady({ loadMs: message.loadMs ?? 0, simd: message.simd ?? false, threads: message.threads ?? 1 });
        dispatch();
        return;
      }
      const job = slot.job;
      if (!job || job.id !== message.id) return;
      clearTimeout(job.timer);
      slot.job = undefined;
      if (message.scores?.length === job.frames.length) job.resolve(message.scores);
      else if (message.scores) job.reject(new Error(`classifier: ${message.scores.length} scores for ${job.frames.length} frames`));
      else job.reject(new Error(`classifier: ${message.error ?? "no answer"}`));
      dispatch();
    });

    const replace = (reason: Error) => {
      if (slot.dead) return; // `error` is followed by `exit`: handle the death once
      slot.dead = true;
      if (slot.job) {
        clearTimeout(slot.job.timer);
        slot.job.reject(reason);
        slot.job = undefined;
      }
      markFailed(reason);
      if (closed) return;
      if (!slot.loaded) {
        // The model could not load: fail what waits rather than let it wait for nothing.
        console.error("classifier worker failed to start", reason);
        for (const job of queue.splice(0)) job.reject(reason);
        setTimeout(() => !closed && spawn(index), RESPAWN_DELAY_MS).unref();
      } else {
        spawn(index);
      }
    };
    worker.on("error", (e) => replace(e instanceof Error ? e : new Error(String(e))));
    worker.on("exit", (code) => replace(new Error(`classifier worker exited with ${code}`)));
  }

  function dispatch(): void {
    for (const slot of slots) {
      if (!queue.length) return;
      if (!slot?.loaded || slot.dead || slot.job) continue;
      const job = queue.shift()!;
      const id = nextId++;
      const timer = setTimeout(() => {
        // The worker is stuck in inference: kill it; `exit` fails the job and replaces it.
        void slot.worker.terminate();
      }, jobTimeoutMs);
      slot.job = { ...job, id, timer };
      // One buffer for the batch, moved (not copied) to the worker.
      const pixels = new Uint8Array(job.frames.reduce((sum, f) => sum + f.length, 0));
      let offset = 0;
      for (const frame of job.frames) {
        pixels.set(frame, offset);
        offset += frame.length;
      }
      slot.worker.postMessage({ id, pixels }, [pixels.buffer]);
    }
  }

  for (let i = 0; i < size; i++) spawn(i);

  return {
    classify(frames) {
      if (closed) return Promise.reject(new Error("classifier pool is closed"));
      if (!frames.length) return Promise.resolve([]);
      return new Promise<NudityScores[]>((resolve, reject) => {
        queue.push({ frames, resolve, reject });
        dispatch();
      });
    },
    async ready() {
      const workers = await Promise.all(slots.map((s) => s.ready));
      return { ...workers[0], loadMs: Math.max(...workers.map((w) => w.loadMs)) };
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.reject(new Error("classifier pool is closed"));
      await Promise.all(slots.map((s) => s.worker.terminate()));
    },
  };
}
