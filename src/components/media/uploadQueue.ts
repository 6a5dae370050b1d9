// The state of the visuals waiting in the composer: order, edits and each upload.
// Pure: the hook around it creates preview URLs, starts the requests and the timers.
import { VISUALS } from "@/shared/limits";
import type { ErrorCode } from "@/shared/errors";
import type { PhotoEdits } from "./photoEdits";

export type VisualKind = "image" | "video";

export interface VideoEdits {
  trimStartMs: number;
  /** null: up to the end. */
  trimEndMs: number | null;
  muted: boolean;
}

export type PrepareState = "waiting" | "running" | "done";

export type UploadStatus =
  | { state: "idle" }
  | { state: "uploading"; progress: number; attempt: number }
  | { state: "waiting"; attempt: number } // a retryable failure, about to be tried again
  | { state: "failed"; code: ErrorCode; retryable: boolean; attempt: number }
  | { state: "done"; mediaId: string };

export interface Visual {
  id: string;
  kind: VisualKind;
  /** What the user picked or captured, kept so that edits can be changed again. */
  original: File;
  /** What the editor made (the edited photo), else the original. */
  file: File;
  /** An unedited photo's scaled-down copy (downscalePhoto.ts), made in the background once it is added. */
  downscaled?: File;
  /** The background step that scales a photo down: uploads of unedited photos wait for it. */
  prepare: PrepareState;
  /** The tray's picture; "" for a photo until it is prepared (its thumbnail comes from the same decode). */
  previewUrl: string;
  photoEdits?: PhotoEdits;
  videoEdits?: VideoEdits;
  upload: UploadStatus;
}

/** Automatic tries for a network or server failure before the user is asked. */
export const AUTO_ATTEMPTS = 3;
/** Uploads at the same time: a whole message's visuals at once (scaled-down photos are small; each shows its own progress). */
export const CONCURRENT_UPLOADS = VISUALS.maxPerMessage;
/** Photos scaled down at the same time, one a worker (downscalePhoto.ts): one a core on a two-core phone; each holds a decoded bitmap (19 MB for 12 MP at 5/8), so a few, not nine. */
export const CONCURRENT_PREPARES = 2;

export type QueueAction =
  | { type: "add"; visuals: Visual[] }
  | { type: "remove"; id: string }
  | { type: "move"; id: string; by: number }
  | { type: "edited"; id: string; file: File; previewUrl: string; photoEdits?: PhotoEdits; videoEdits?: VideoEdits }
  | { type: "preparing"; id: string }
  | { type: "prepared"; id: string; downscaled?: File; previewUrl?: string }
  | { type: "started"; id: string }
  | { type: "progress"; id: string; progress: number }
  | { type: "succeeded"; id: string; mediaId: string }
  | { type: "failed"; id: string; code: ErrorCode; retryable: boolean }
  | { type: "retry"; id: string }
  | { type: "clear" };

/** How many of `wanted` new visuals still fit in the message. */
export const roomFor = (visuals: readonly Visual[], wanted: number) => Math.max(0, Math.min(wanted, VISUALS.maxPerMessage - visuals.length));

const attemptOf = (s: UploadStatus) => ("attempt" in s ? s.attempt : 0);

function update(visuals: Visual[], id: string, change: (v: Visual) => Visual): Visual[] {
  return visuals.map((v) => (v.id === id ? change(v) : v));
}

export function queueReducer(visuals: Visual[], action: QueueAction): Visual[] {
  switch (action.type) {
    case "add":
      return [...visuals, ...action.visuals.slice(0, roomFor(visuals, action.visuals.length))];
    case "remove":
      return visuals.filter((v) => v.id !== action.id);
    case "move": {
      const from = visuals.findIndex((v) => v.id === action.id);
      const to = from + action.by;
      if (from < 0 || to < 0 || to >= visuals.length) return visuals;
      const next = [...visuals];
      next.splice(to, 0, ...next.splice(from, 1));
      return next;
    }
    case "edited":
      // A changed file must be uploaded again.
      return update(visuals, action.id, (v) => ({
        ...v,
        file: action.file,
        previewUrl: action.previewUrl,
        photoEdits: action.photoEdits ?? v.photoEdits,
        videoEdits: action.videoEdits ?? v.videoEdits,
        upload: { state: "idle" },
      }));
    case "preparing":
      return update(visuals, action.id, (v) => ({ ...v, prepare: "running" }));
    case "prepared":
      return update(visuals, action.id, (v) => ({ ...v, prepare: "done", downscaled: action.downscaled, previewUrl: action.previewUrl ?? v.previewUrl }));
    case "started":
      return update(visuals, action.id, (v) => ({ ...v, upload: { state: "uploading", progress: 0, attempt: attemptOf(v.upload) + 1 } }));
    case "progress":
      return update(visuals, action.id, (v) => (v.upload.state === "uploading" ? { ...v, upload: { ...v.upload, progress: Math.min(1, Math.max(0, action.progress)) } } : v));
    case "succeeded":
      return update(visuals, action.id, (v) => ({ ...v, upload: { state: "done", mediaId: action.mediaId } }));
    case "failed":
      return update(visuals, action.id, (v) => {
        const attempt = attemptOf(v.upload);
        return action.retryable && attempt < AUTO_ATTEMPTS
          ? { ...v, upload: { state: "waiting", attempt } }
          : { ...v, upload: { state: "failed", code: action.code, retryable: action.retryable, attempt } };
      });
    case "retry":
      // A manual retry starts the count of automatic tries again.
      return update(visuals, action.id, (v) => (v.upload.state === "failed" && v.upload.retryable ? { ...v, upload: { state: "idle" } } : v));
    case "clear":
      return [];
  }
}

/** The bytes that go up: the edited photo, else the scaled-down copy, else the original. */
export const uploadFileOf = (v: Visual): File => (v.file !== v.original ? v.file : (v.downscaled ?? v.original));

/** An edited photo is ready at once (the editor already drew it within the limit); an unedited one once it is scaled down. */
const readyToUpload = (v: Visual) => v.prepare === "done" || v.file !== v.original;

/** The visuals whose upload should start now, in order, within the concurrency limit. */
export function nextToUpload(visuals: readonly Visual[], concurrency: number = CONCURRENT_UPLOADS): Visual[] {
  const busy = visuals.filter((v) => v.upload.state === "uploading").length;
  return visuals.filter((v) => v.upload.state === "idle" && readyToUpload(v)).slice(0, Math.max(0, concurrency - busy));
}

/** The photos to scale down now, in order, within the concurrency limit. */
export function nextToPrepare(visuals: readonly Visual[], concurrency: number = CONCURRENT_PREPARES): Visual[] {
  const busy = visuals.filter((v) => v.prepare === "running").length;
  return visuals.filter((v) => v.prepare === "waiting").slice(0, Math.max(0, concurrency - busy));
}

/** The media ids in the tray's order once every visual is uploaded, else null. */
export function readyMediaIds(visuals: readonly Visual[]): string[] | null {
  if (!visuals.length) return null;
  const ids: string[] = [];
  for (const v of visuals) {
    if (v.upload.state !== "done") return null;
    ids.push(v.upload.mediaId);
  }
  return ids;
}

/** The whole batch's progress 0..1, for the send button. */
export function overallProgress(visuals: readonly Visual[]): number {
  if (!visuals.length) return 0;
  const sum = visuals.reduce((acc, v) => acc + (v.upload.state === "done" ? 1 : v.upload.state === "uploading" ? v.upload.progress : 0), 0);
  return sum / visuals.length;
}
