// The recipient's "played" mark on a voice note. Kept in this browser's storage: the
// backend has no route for it yet (the MediaPlay table waits for one).
const key = (mediaId: string) => `murmur.voice-played.${mediaId}`;

export function isPlayed(mediaId: string): boolean {
  try {
    return localStorage.getItem(key(mediaId)) === "1";
  } catch {
    return false;
  }
}

export function markPlayed(mediaId: string): void {
  try {
    localStorage.setItem(key(mediaId), "1");
  } catch {
    /* storage full or blocked: the mark is only a convenience */
  }
}
