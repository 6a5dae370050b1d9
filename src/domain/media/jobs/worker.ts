// Each node's video job worker: at most one job per core (MURMUR_MEDIA_JOBS to change it),
// a look for queued work every MEDIA_JOBS.pollMs, at once when this node queued a job, and
// right away after each job. A job whose node died is claimed again once its lease expires,
// by any node (a restarted one too).
import os from "node:os";
import type { Db } from "@/db/client";
import { MEDIA_JOBS } from "@/shared/limits";
import type { MediaStorage } from "../storage";
import { claimMediaJob, onMediaJobQueued, requeueOwnJobs } from "./queue";
import { type JobOutcome, runMediaJob } from "./run";

export interface MediaJobHooks {
  /** After a job settled (the media ready or failed): what waits for it goes on. */
  onSettled?(outcome: JobOutcome): Promise<void>;
  /** On every poll: catches up on what a crash between a job and its hook left behind. */
  onPoll?(): Promise<void>;
}

/** Jobs run at once on this node: one per core, or MURMUR_MEDIA_JOBS (0: this node runs none, e.g. a node that only serves). */
export function mediaJobSlots(): number {
  const configured = process.env.MURMUR_MEDIA_JOBS;
  if (configured !== undefined && /^\d+$/.test(configured)) return Number(configured);
  return os.availableParallelism();
}

export function startMediaJobWorker(db: Db, storage: MediaStorage, hooks: MediaJobHooks = {}, slots = mediaJobSlots()): () => Promise<void> {
  let running = 0;
  let stopped = false;
  let looking = false;
  const inFlight = new Set<Promise<void>>();
  const fill = async () => {
    if (looking || stopped) return;
    looking = true;
    try {
      while (!stopped && running < slots) {
        const job = await claimMediaJob(db);
        if (!job) break;
        running++;
        const work = runMediaJob(db, storage, job)
          .then((outcome) => hooks.onSettled?.(outcome))
          .catch((e) => console.error("media job", job.mediaId, e))
          .finally(() => {
            running--;
            inFlight.delete(work);
            void fill();
          });
        inFlight.add(work);
      }
    } catch (e) {
      console.error("media job claim failed", e);
    } finally {
      looking = false;
    }
  };
  const poll = async () => {
    await hooks.onPoll?.().catch((e) => console.error("media job poll failed", e));
    await fill();
  };
  const timer = setInterval(() => void poll(), Number(process.env.MURMUR_MEDIA_JOB_POLL_MS ?? MEDIA_JOBS.pollMs));
  timer.unref();
  onMediaJobQueued(() => void fill());
  void poll();
  return async () => {
    stopped = true;
    clearInterval(timer);
    onMediaJobQueued(undefined);
    // Running jobs are handed back rather than awaited (a transcode may take a minute); a
    // node that dies without this loses them only until their lease expires.
    if (inFlight.size) await requeueOwnJobs(db).catch((e) => console.error("media jobs not handed back", e));
  };
}
