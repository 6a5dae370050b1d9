// What the uploader hears of a background video job: its progress (at most every
// MEDIA_JOBS.progressEveryMs, the last figure never lost), then ready or failed.
import { events } from "@/domain/events";
import { MEDIA_JOBS } from "@/shared/limits";
import type { MediaView } from "@/shared/views";

export function mediaJobNotices(uploaderId: string, mediaId: string) {
  let lastSentAt = 0;
  let lastSent = -1;
  let pending: number | null = null;
  let timer: NodeJS.Timeout | undefined;
  const send = (progress: number) => {
    lastSentAt = Date.now();
    lastSent = progress;
    pending = null;
    events().toUsers([uploaderId], "media:progress", { mediaId, progress: Math.round(progress * 100) / 100 });
  };
  const stop = () => {
    clearTimeout(timer);
    timer = undefined;
    pending = null;
  };
  return {
    progress(fraction: number) {
      if (Math.round(fraction * 100) === Math.round(lastSent * 100)) return;
      const wait = lastSentAt + MEDIA_JOBS.progressEveryMs - Date.now();
      if (wait <= 0) return send(fraction);
      pending = fraction;
      timer ??= setTimeout(() => {
        timer = undefined;
        if (pending !== null) send(pending);
      }, wait);
    },
    ready(media: MediaView) {
      stop();
      events().toUsers([uploaderId], "media:ready", { media });
    },
    failed(code: string, message: string) {
      stop();
      events().toUsers([uploaderId], "media:failed", { mediaId, error: { code, message } });
    },
    stop,
  };
}
