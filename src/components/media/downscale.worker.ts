// A worker of downscalePhoto.ts's pool: one photo at a time, decoded, scaled and encoded
// here so that the page's main thread stays free and both cores work.
import { type ScaleJob, scalePhoto } from "./scalePhoto";

export type WorkerRequest = { id: number; job: ScaleJob };
export type WorkerResponse = { id: number; ok: true; blob: Blob | null; preview: Blob | null } | { id: number; ok: false; error: string };

const scope = self as unknown as { onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null; postMessage(message: WorkerResponse): void };

scope.onmessage = async ({ data: { id, job } }) => {
  try {
    scope.postMessage({ id, ok: true, ...(await scalePhoto(job)) });
  } catch (e) {
    scope.postMessage({ id, ok: false, error: String((e as Error)?.message ?? e) });
  }
};
