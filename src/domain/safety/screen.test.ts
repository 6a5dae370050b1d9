import zlib from "node:zlib";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import type { NudityClassifier } from "./classifier";
import { fixtureClassifier } from "./fixture-classifier";
import { imagePixels } from "./pixels";
import { checkVisual, classifyVisual } from "./screen";

const solid = (r: number, g: number, b: number, channels: 3 | 4 = 3) =>
  sharp({ create: { width: 40, height: 30, channels, background: { r, g, b, alpha: 1 } } }).png().toBuffer();
const framesOf = (...colours: [number, number, number][]) => async () =>
  Promise.all(colours.map(async ([r, g, b]) => imagePixels(await solid(r, g, b))));

describe("screening one visual", () => {
  it("passes a neutral image with its scores", async () => {
    const scores = await checkVisual({ kind: "image", file: await solid(20, 120, 200) }, { classifier: fixtureClassifier });
    expect(scores).toMatchObject({ neutral: 1, porn: 0 });
  });

  it("refuses a high-scoring image with NUDITY_BLOCKED", async () => {
    await expect(checkVisual({ kind: "image", file: await solid(240, 10, 10) }, { classifier: fixtureClassifier })).rejects.toMatchObject({ code: "NUDITY_BLOCKED" });
  });

  it("refuses when the classifier fails: NUDITY_CHECK_FAILED, never let through", async () => {
    await expect(checkVisual({ kind: "image", file: await solid(0, 0, 0) }, { classifier: fixtureClassifier })).rejects.toMatchObject({ code: "NUDITY_CHECK_FAILED" });
  });

  it("refuses when the classifier takes too long", async () => {
    const hanging: NudityClassifier = { classify: () => new Promise(() => {}) };
    await expect(classifyVisual({ kind: "image", file: await solid(20, 120, 200) }, { classifier: hanging, timeoutMs: 50 })).rejects.toMatchObject({ code: "NUDITY_CHECK_FAILED" });
  });

  it("refuses a file that does not decode", async () => {
    await expect(classifyVisual({ kind: "image", file: Buffer.from("<html>not an image</html>") }, { classifier: fixtureClassifier })).rejects.toMatchObject({ code: "NUDITY_CHECK_FAILED" });
  });

  it("blocks a video when any sampled frame is blocked, the last one included", async () => {
    const video = { kind: "video" as const, frames: framesOf([20, 120, 200], [20, 120, 200], [240, 10, 10]) };
    await expect(checkVisual(video, { classifier: fixtureClassifier })).rejects.toMatchObject({ code: "NUDITY_BLOCKED" });
    const calm = { kind: "video" as const, frames: framesOf([20, 120, 200], [30, 160, 60]) };
    await expect(checkVisual(calm, { classifier: fixtureClassifier })).resolves.toMatchObject({ neutral: 1 });
  });

  it("refuses a video with no frames", async () => {
    await expect(classifyVisual({ kind: "video", frames: async () => [] }, { classifier: fixtureClassifier })).rejects.toMatchObject({ code: "NUDITY_CHECK_FAILED" });
  });
});

describe("decoding for the classifier", () => {
  it("gives 224×224×3 bytes for RGB, RGBA and greyscale images", async () => {
    const grey = await sharp({ create: { width: 50, height: 70, channels: 3, background: "#888" } }).greyscale().png().toBuffer();
    for (const file of [await solid(1, 2, 3), await solid(1, 2, 3, 4), grey]) {
      expect((await imagePixels(file)).length).toBe(224 * 224 * 3);
    }
  });

  it("refuses a decompression bomb without decoding it", async () => {
    // A tiny PNG whose header claims 16000×16000 pixels.
    const bomb = await sharp({ create: { width: 1, height: 1, channels: 3, background: "#000" } }).png().toBuffer();
    bomb.writeUInt32BE(16000, 16);
    bomb.writeUInt32BE(16000, 20);
    bomb.writeUInt32BE(zlib.crc32(bomb.subarray(12, 29)), 29);
    await expect(imagePixels(bomb)).rejects.toThrow(/pixel limit/i);
  });
});
