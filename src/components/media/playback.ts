// One voice note plays at a time across the page: starting one pauses the other.
let current: HTMLMediaElement | null = null;

export function claimPlayback(element: HTMLMediaElement) {
  if (current && current !== element && !current.paused) current.pause();
  current = element;
}
