import { describe, expect, it } from "vitest";
import { frameBatches } from "./frame-batches";

const frame = (n: number) => Uint8Array.of(n);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A decoder stand-in: `count` frames, one every `everyMs`; records how far it got and whether it was closed. */
function source(count: number, everyMs = 0, failAfter?: number) {
  const state = { produced: 0, closed: false };
  async function* frames() {
    try {
      for (let i = 0; i < count; i++) {
        if (everyMs) await sleep(everyMs);
        if (failAfter !== undefined && i === failAfter) throw new Error("decoder failed");
        state.produced++;
        yield frame(i);
      }
    } finally {
      state.closed = true;
    }
  }
  return { frames: frames(), state };
}

describe("frames in batches while they decode", () => {
  it("gives every frame once, in order, in batches of at most the maximum, the first one alone", async () => {
    const { frames } = source(30);
    const batches: number[][] = [];
    for await (const batch of frameBatches(frames, { maxBatch: 8, maxBuffered: 16 })) {
      batches.push(batch.map((f) => f[0]));
      await sleep(5); // the model at work: the decoder runs ahead meanwhile
    }
    expect(batches.flat()).toEqual(Array.from({ length: 30 }, (_, i) => i));
    expect(batches[0]).toEqual([0]);
    expect(Math.max(...batches.map((b) => b.length))).toBe(8);
    expect(batches.length).toBeLessThan(30);
  });

  it("hands over each frame as soon as it is decoded when the model keeps up", async () => {
    const { frames } = source(4, 15);
    const sizes: number[] = [];
    for await (const batch of frameBatches(frames, { maxBatch: 8, maxBuffered: 16 })) sizes.push(batch.length);
    expect(sizes).toEqual([1, 1, 1, 1]);
  });

  it("reads no further ahead than the buffer allows while a batch is classified", async () => {
    const { frames, state } = source(100);
    const batches = frameBatches(frames, { maxBatch: 4, maxBuffered: 6 });
    await batches.next();
    await sleep(20);
    expect(state.produced).toBeLessThanOrEqual(1 + 6);
    expect(state.produced).toBeGreaterThan(1);
    await batches.return(undefined);
  });

  it("stops the decoder when screening ends early", async () => {
    const { frames, state } = source(1000, 1);
    for await (const batch of frameBatches(frames, { maxBatch: 8, maxBuffered: 16 })) {
      if (batch[0][0] >= 3) break;
    }
    await sleep(30);
    expect(state.closed).toBe(true);
    expect(state.produced).toBeLessThan(100);
  });

  it("throws the decoder's failure after the frames decoded before it", async () => {
    const { frames } = source(10, 1, 5);
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const batch of frameBatches(frames, { maxBatch: 8, maxBuffered: 16 })) seen.push(...batch.map((f) => f[0]));
      })(),
    ).rejects.toThrow(/decoder failed/);
    expect(seen).toEqual([0, 1, 2, 3, 4]);
  });

  it("ends with no batch for a source with no frames", async () => {
    const { frames } = source(0);
    const batches: Uint8Array[][] = [];
    for await (const batch of frameBatches(frames, { maxBatch: 8, maxBuffered: 16 })) batches.push(batch);
    expect(batches).toEqual([]);
  });
});
