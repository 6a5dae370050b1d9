// Which container and codec MediaRecorder should use, by feature detection: Opus in WebM
// on Chromium and Firefox, AAC in MP4 on Safari.

export const AUDIO_TYPES = ["audio/webm;codecs=opus", "audio/ogg;codecs=opus", "audio/mp4;codecs=mp4a.40.2", "audio/mp4", "audio/webm"];
export const VIDEO_TYPES = ["video/webm;codecs=vp9,opus", "video/webm;codecs=vp8,opus", "video/webm", "video/mp4;codecs=avc1,mp4a.40.2", "video/mp4"];

/** The first supported type, or undefined to let the browser choose. */
export function pickMime(candidates: readonly string[], isTypeSupported: (type: string) => boolean): string | undefined {
  return candidates.find((type) => {
    try {
      return isTypeSupported(type);
    } catch {
      return false;
    }
  });
}

/** A file name whose extension matches what was recorded. */
export function recordingName(base: string, mime: string): string {
  const ext = mime.includes("mp4") ? (mime.startsWith("audio") ? "m4a" : "mp4") : mime.includes("ogg") ? "ogg" : "webm";
  return `${base}.${ext}`;
}

/** The container's MIME without codecs, for the uploaded file's type. */
export const baseMime = (mime: string) => mime.split(";")[0].trim();
