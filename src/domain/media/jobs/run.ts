// One background video job: the original from storage → transcode (its kept range screened
// from the same decode, as the frames come) → the file and poster stored → the media ready. A refusal of
// the file itself (undecodable, too long, blocked) fails the job with the code the upload
// would have answered; anything else (a crash of ffmpeg, the store down) is tried again.
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Db } from "@/db/client";
import { DomainError, isDomainError } from "@/domain/errors";
import { screenWhileTranscoding } from "@/domain/safety/screen-upload";
import { MEDIA_JOBS, VISUALS } from "@/shared/limits";
import type { MediaStorage } from "../storage";
import { createWorkDir, storageKeysFor } from "../upload";
import { processVideo } from "../video";
import { toMediaView, type MediaRow } from "../view";
import type { ClaimedJob } from "./queue";
import { finishMediaJob, renewMediaJob } from "./queue";
import { mediaJobNotices } from "./notify";

export type JobOutcome = { state: "done"; mediaId: string } | { state: "failed"; mediaId: string; code: string; message: string } | { state: "retry" };

const failure = (mediaId: string, e: DomainError): JobOutcome => ({ state: "failed", mediaId, code: e.code, message: e.message });

export async function runMediaJob(db: Db, storage: MediaStorage, job: ClaimedJob): Promise<JobOutcome> {
  const media = await db.media.findUnique({ where: { id: job.mediaId } });
  if (media?.status !== "processing") {
    await finishMediaJob(db, job.id, { state: "done" }); // deleted meanwhile (the sweep), or already settled
    return { state: "retry" };
  }
  const notices = mediaJobNotices(media.ownerId, media.id);
  let progress = 0;
  let lost = false;
  const heartbeat = setInterval(() => {
    void renewMediaJob(db, job.id, progress).then((mine) => {
      lost ||= !mine;
    });
  }, MEDIA_JOBS.heartbeatMs);
  const workDir = await createWorkDir();
  try {
    const original = path.join(workDir, "original");
    const stream = await storage.read(media.storageKey);
    if (!stream) throw new DomainError("UNSUPPORTED_MEDIA", "the uploaded video is gone");
    await pipeline(stream, fs.createWriteStream(original));

    const startMs = job.edits.trimStartMs ?? 0;
    const lengthMs = Math.min(job.edits.trimEndMs !== undefined ? job.edits.trimEndMs - startMs : VISUALS.videoMaxMs + 1000, VISUALS.videoMaxMs + 1000);
    const { result: video, scores } = await screenWhileTranscoding(db, { ownerId: media.ownerId, conversationId: media.conversationId, original, range: { startMs, lengthMs } }, (tap) =>
      processVideo(original, workDir, job.edits, {
        tap,
        onProgress(fraction) {
          progress = Math.min(0.99, fraction); // 1 means ready, said once it is
          notices.progress(progress);
        },
      }),
    );
    if (lost) return { state: "retry" }; // another node took it over: its result counts

    const keys = storageKeysFor(media.id, video.ext, media.createdAt);
    await storage.put(keys.file, fs.createReadStream(video.file), { contentType: video.mime });
    if (video.thumbnail) await storage.put(keys.thumbnail, Readable.from([video.thumbnail]), { contentType: "image/webp" });
    const { count } = await db.media.updateMany({
      where: { id: media.id, status: "processing" },
      data: {
        status: "ready",
        mime: video.mime,
        bytes: (await fsp.stat(video.file)).size,
        width: video.width,
        height: video.height,
        durationMs: video.durationMs,
        storageKey: keys.file,
        thumbnailKey: video.thumbnail ? keys.thumbnail : null,
        placeholder: video.placeholder,
        nudityScores: scores ?? undefined,
      },
    });
    if (count) await storage.delete(media.storageKey).catch(() => undefined);
    await finishMediaJob(db, job.id, { state: "done" });
    const ready = await db.media.findUnique({ where: { id: media.id } });
    if (ready) notices.ready({ ...toMediaView(ready as MediaRow), durationMs: ready.durationMs });
    return { state: "done", mediaId: media.id };
  } catch (e) {
    if (!isDomainError(e) && job.attempts < MEDIA_JOBS.maxAttempts) {
      console.error("media job failed, to be tried again", job.mediaId, e);
      await finishMediaJob(db, job.id, { state: "queued" });
      return { state: "retry" };
    }
    const refusal = isDomainError(e) ? e : new DomainError("UNSUPPORTED_MEDIA", "the video could not be processed");
    await db.media.updateMany({ where: { id: media.id, status: "processing" }, data: { status: "failed", failureCode: refusal.code } });
    await storage.delete(media.storageKey).catch(() => undefined);
    await finishMediaJob(db, job.id, { state: "failed", errorCode: refusal.code });
    notices.failed(refusal.code, refusal.message);
    return failure(media.id, refusal);
  } finally {
    clearInterval(heartbeat);
    notices.stop();
    await fsp.rm(workDir, { recursive: true, force: true });
  }
}
