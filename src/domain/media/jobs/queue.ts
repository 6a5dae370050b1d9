// The background video jobs, kept in the database so that every node shares them and a
// restart loses none. A job is claimed with one conditional update (queued, or running with
// an expired lease: the node that held it died), so two nodes never run the same job.
import crypto from "node:crypto";
import type { Db } from "@/db/client";
import { MEDIA_JOBS } from "@/shared/limits";
import type { VideoEdits } from "../video";

export interface ClaimedJob {
  id: string;
  mediaId: string;
  attempts: number;
  edits: VideoEdits;
}

/** This process, as the holder of the jobs it runs. */
export const nodeId = `${process.pid}-${crypto.randomBytes(4).toString("hex")}`;

// On globalThis: the upload route (in Next's bundle) and the worker (in the server's) load separate copies of this module.
const registry = globalThis as unknown as { __murmurMediaJobQueued?: () => void };
/** The worker of this node asks to hear of the jobs it queued, to start them at once. */
export function onMediaJobQueued(listener: (() => void) | undefined): void {
  registry.__murmurMediaJobQueued = listener;
}

export async function enqueueMediaJob(db: Db, mediaId: string, edits: VideoEdits): Promise<void> {
  await db.mediaJob.create({ data: { mediaId, input: JSON.stringify(edits) } });
  registry.__murmurMediaJobQueued?.();
}

const leaseMs = () => Number(process.env.MURMUR_MEDIA_JOB_LEASE_MS ?? MEDIA_JOBS.leaseMs);

/** The oldest job nobody holds, now held by this node; null when there is none. */
export async function claimMediaJob(db: Db, now = new Date()): Promise<ClaimedJob | null> {
  const claimable = { OR: [{ state: "queued" }, { state: "running", lockedUntil: { lt: now } }] };
  for (let tries = 0; tries < 5; tries++) {
    const candidate = await db.mediaJob.findFirst({ where: claimable, orderBy: { createdAt: "asc" }, select: { id: true, mediaId: true, attempts: true, input: true } });
    if (!candidate) return null;
    // Only one node's update matches: the others see count 0 and look again.
    const { count } = await db.mediaJob.updateMany({
      where: { id: candidate.id, attempts: candidate.attempts, ...claimable },
      data: { state: "running", lockedBy: nodeId, lockedUntil: new Date(now.getTime() + leaseMs()), attempts: { increment: 1 } },
    });
    if (count) return { id: candidate.id, mediaId: candidate.mediaId, attempts: candidate.attempts + 1, edits: JSON.parse(candidate.input) as VideoEdits };
  }
  return null;
}

/** Renews the lease and saves the progress; false when the job is no longer this node's (it was taken over). */
export async function renewMediaJob(db: Db, jobId: string, progress: number): Promise<boolean> {
  const { count } = await db.mediaJob.updateMany({
    where: { id: jobId, state: "running", lockedBy: nodeId },
    data: { progress, lockedUntil: new Date(Date.now() + leaseMs()) },
  });
  return count === 1;
}

export async function finishMediaJob(db: Db, jobId: string, outcome: { state: "done" } | { state: "failed"; errorCode: string } | { state: "queued" }): Promise<void> {
  await db.mediaJob.updateMany({
    where: { id: jobId, lockedBy: nodeId },
    data: {
      state: outcome.state,
      lockedBy: null,
      lockedUntil: null,
      ...(outcome.state === "done" ? { progress: 1 } : {}),
      ...(outcome.state === "failed" ? { errorCode: outcome.errorCode } : {}),
    },
  });
}

/** A node stopping gives its running jobs back at once (their attempt not counted): its restart, or another node, resumes them. */
export async function requeueOwnJobs(db: Db): Promise<void> {
  await db.mediaJob.updateMany({ where: { state: "running", lockedBy: nodeId }, data: { state: "queued", lockedBy: null, lockedUntil: null, attempts: { decrement: 1 } } });
}
