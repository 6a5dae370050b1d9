// How an authorised viewer gets a media file's bytes: streamed through the app (default,
// any store) or, with MEDIA_DELIVERY=redirect on a store that can presign (S3), by a
// short-lived URL so the bytes bypass the app. The membership check happens either way.
import { MEDIA_STORE } from "@/shared/limits";
import type { MediaObject } from "./serve";
import type { MediaStorage } from "./storage";

export type MediaDelivery = { mode: "stream" } | { mode: "redirect"; presignSeconds: number };

export function mediaDelivery(env: Record<string, string | undefined> = process.env): MediaDelivery {
  if (env.MEDIA_DELIVERY !== "redirect") return { mode: "stream" };
  const seconds = Number(env.S3_PRESIGN_SECONDS || MEDIA_STORE.presignSecondsDefault);
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 604_800) throw new Error("S3_PRESIGN_SECONDS must be 1-604800");
  return { mode: "redirect", presignSeconds: seconds };
}

/** The presigned URL to redirect to, or null when the bytes must be streamed. */
export async function presignedMediaUrl(storage: MediaStorage, object: MediaObject, { download, delivery = mediaDelivery() }: { download: boolean; delivery?: MediaDelivery }): Promise<string | null> {
  if (delivery.mode !== "redirect" || !storage.signedReadUrl) return null;
  const filename = `murmur-${object.id}.${object.ext}`;
  return storage.signedReadUrl(object.key, {
    expiresInSeconds: delivery.presignSeconds,
    contentType: object.mime,
    contentDisposition: download ? `attachment; filename="${filename}"` : `inline; filename="${filename}"`,
  });
}
