// Frames grouped into batches for the classifier while they are still being decoded: the
// source is read ahead in the background, and each batch is whatever has arrived since the
// last one (1 to `maxBatch` frames). The first frame goes alone, at once; while the model
// runs a batch, the decoder fills the next, so batches grow as large as the decoder keeps up.

export interface BatchOptions {
  maxBatch: number;
  /** Frames read ahead at most; the source waits beyond that (bounded memory when the model is slower). */
  maxBuffered: number;
}

/**
 * The frames of `source`, in order, in batches. A failure of the source is thrown after the
 * frames that came before it. Ending the iteration early stops the source (for a video, kills its ffmpeg).
 */
export async function* frameBatches(source: AsyncIterable<Uint8Array>, { maxBatch, maxBuffered }: BatchOptions): AsyncGenerator<Uint8Array[]> {
  const buffered: Uint8Array[] = [];
  let finished = false;
  let failure: { error: unknown } | undefined;
  let stopped = false;
  // One waiter at a time on each side: the consumer for frames, the reader for room.
  let wakeConsumer: (() => void) | undefined;
  let wakeReader: (() => void) | undefined;
  const signal = (wake: (() => void) | undefined) => wake?.();

  const reading = (async () => {
    try {
      for await (const frame of source) {
        if (stopped) break;
        buffered.push(frame);
        signal(wakeConsumer);
        while (buffered.length >= maxBuffered && !stopped) await new Promise<void>((resolve) => (wakeReader = resolve));
        if (stopped) break;
      }
    } catch (error) {
      failure = { error };
    } finally {
      finished = true;
      signal(wakeConsumer);
    }
  })();

  try {
    while (true) {
      if (!buffered.length && !finished) await new Promise<void>((resolve) => (wakeConsumer = resolve));
      wakeConsumer = undefined;
      if (buffered.length) {
        const batch = buffered.splice(0, maxBatch);
        signal(wakeReader);
        yield batch;
        continue;
      }
      if (finished) break;
    }
    if (failure) throw failure.error;
  } finally {
    // The reader stops at its next frame and closes the source; not awaited, so that a
    // verdict (or a timeout) never waits for a decoder that is slow to answer.
    stopped = true;
    signal(wakeReader);
    void reading;
  }
}
