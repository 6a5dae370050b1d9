// The voice-note player's waveform: bar heights, how many are played, where a click seeks.

/** Heights from 0..1 for `count` bars, resampled from the server's peaks (max of each span). */
export function waveformBars(peaks: readonly number[] | null | undefined, count: number, minHeight = 0.08): number[] {
  if (!peaks?.length) return Array.from({ length: count }, () => minHeight);
  return Array.from({ length: count }, (_, i) => {
    const from = Math.floor((i * peaks.length) / count);
    const to = Math.max(from + 1, Math.floor(((i + 1) * peaks.length) / count));
    let peak = 0;
    for (let j = from; j < to; j++) peak = Math.max(peak, Number(peaks[j]) || 0);
    return Math.max(minHeight, Math.min(1, peak));
  });
}

/** How many of `count` bars are drawn as played at this fraction of the length. */
export function playedBars(count: number, fraction: number): number {
  return Math.round(Math.min(1, Math.max(0, fraction)) * count);
}

/** The fraction of the length at a pointer's x inside the waveform. */
export function fractionAt(clientX: number, left: number, width: number): number {
  if (width <= 0) return 0;
  return Math.min(1, Math.max(0, (clientX - left) / width));
}

/** "0:07", "1:00": minutes and seconds, rounding down. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, "0")}`;
}

/** A meter level 0..1 from an analyser's time-domain bytes (128 is silence). */
export function levelOf(samples: Uint8Array): number {
  if (!samples.length) return 0;
  let sum = 0;
  for (const s of samples) sum += ((s - 128) / 128) ** 2;
  // RMS of speech rarely passes 0.3: stretch it so the meter moves visibly.
  return Math.min(1, Math.sqrt(sum / samples.length) * 3);
}
