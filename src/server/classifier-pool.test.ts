import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startClassifierPool } from "./classifier-pool";

const pool = startClassifierPool({
  workerPath: path.resolve(import.meta.dirname, "../../tests/fixtures/workers/scripted.worker.mjs"),
  size: 1,
  jobTimeoutMs: 300,
});
afterAll(() => pool.close());

const input = (first: number) => {
  const pixels = new Uint8Array(224 * 224 * 3);
  pixels[0] = first;
  return pixels;
};

describe("the classifier worker pool", () => {
  it("answers with the worker's scores", async () => {
    await pool.ready();
    await expect(pool.classify([input(0)])).resolves.toMatchObject([{ neutral: 1 }]);
  });

  it("fails a job whose worker hangs, then replaces the worker", async () => {
    await expect(pool.classify([input(1)])).rejects.toThrow(/exited/);
    await expect(pool.classify([input(0)])).resolves.toMatchObject([{ neutral: 1 }]);
  });

  it("fails a job whose worker crashes, then replaces the worker", async () => {
    await expect(pool.classify([input(2)])).rejects.toThrow(/exited with 3/);
    await expect(pool.classify([input(0)])).resolves.toMatchObject([{ neutral: 1 }]);
  });

  it("passes on the worker's error", async () => {
    await expect(pool.classify([input(3)])).rejects.toThrow(/scripted failure/);
  });

  it("sends a batch in one job and answers one score per frame, in order", async () => {
    const scores = await pool.classify([input(0), input(9), input(8)]);
    expect(scores).toHaveLength(3);
    for (const s of scores) expect(s).toMatchObject({ neutral: 1 });
    await expect(pool.classify([])).resolves.toEqual([]);
  });

  it("fails a batch answered with the wrong number of scores", async () => {
    await expect(pool.classify([input(4), input(0)])).rejects.toThrow(/1 scores for 2 frames/);
  });

  it("runs queued jobs one after another on one worker", async () => {
    const results = await Promise.allSettled([input(0), input(3), input(0), input(0)].map((p) => pool.classify([p])));
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "fulfilled", "fulfilled"]);
  });
});
