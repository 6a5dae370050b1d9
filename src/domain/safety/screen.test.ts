import zlib from "node:zlib";
import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { animation } from "../../../tests/helpers/media";
import type { NudityClassifier } from "./classifier";
import { fixtureClassifier } from "./fixture-classifier";
import { evenlySpacedPages, imageFrames, imagePixels } from "./pixels";
import { checkVisual, classifyVisual } from "./screen";

const solid = (r: number, g: number, b: number, channels: 3 | 4 = 3) =>
  sharp({ create: { width: 40, height: 30, channels, background: { r, g, b, alpha: 1 } } })
    .png()
    .toBuffer();
const framesOf = (...colours: [number, number, number][]) =>
  async function* () {
    for (const [r, g, b] of colours) yield await imagePixels(await solid(r, g, b));
  };

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
    await expect(classifyVisual({ kind: "video", frames: framesOf() }, { classifier: fixtureClassifier })).rejects.toMatchObject({ code: "NUDITY_CHECK_FAILED" });
  });

  it("blocks a video whose frames are calm but whose poster is not", async () => {
    const video = { kind: "video" as const, frames: framesOf([20, 120, 200], [30, 160, 60]), stills: [await solid(240, 10, 10)] };
    await expect(checkVisual(video, { classifier: fixtureClassifier })).rejects.toMatchObject({ code: "NUDITY_BLOCKED" });
  });

  it("refuses a video with more frames to check than the limit, however calm", async () => {
    const calm = imagePixels(await solid(20, 120, 200));
    const endless = async function* () {
      for (;;) yield await calm;
    };
    await expect(classifyVisual({ kind: "video", frames: endless }, { classifier: fixtureClassifier })).rejects.toMatchObject({ code: "NUDITY_CHECK_FAILED" });
  });
});

describe("screening an animation: every frame it shows", () => {
  const calm = "#1f8f4f";
  const red = "#e01010";

  for (const format of ["gif", "webp"] as const) {
    it(`blocks an animated ${format} whose first frame is calm and a later one red, and passes it without the red frame`, async () => {
      const bad = await animation(format, [calm, "#2f7f9f", red, calm]);
      await expect(checkVisual({ kind: "image", file: bad }, { classifier: fixtureClassifier })).rejects.toMatchObject({ code: "NUDITY_BLOCKED" });
      const good = await animation(format, [calm, "#2f7f9f", "#2040c0", calm]);
      await expect(checkVisual({ kind: "image", file: good }, { classifier: fixtureClassifier })).resolves.toMatchObject({ neutral: 1 });
    });
  }

  it("reads each frame of a short animation as the viewer sees it", async () => {
    const frames: Uint8Array[] = [];
    for await (const f of imageFrames(await animation("webp", [calm, red, "#2040c0"]))) frames.push(f);
    expect(frames.map((f) => [f[0], f[1], f[2]])).toEqual([
      [expect.closeTo(31, -1), expect.closeTo(143, -1), expect.closeTo(79, -1)],
      [expect.closeTo(224, -1), expect.closeTo(16, -1), expect.closeTo(16, -1)],
      [expect.closeTo(32, -1), expect.closeTo(64, -1), expect.closeTo(192, -1)],
    ]);
  });

  it("spaces frames evenly through a long animation, the first and last included", () => {
    expect([...evenlySpacedPages(5, 64)]).toEqual([0, 1, 2, 3, 4]);
    const spaced = [...evenlySpacedPages(1000, 64)];
    expect(spaced).toHaveLength(64);
    expect(spaced[0]).toBe(0);
    expect(spaced.at(-1)).toBe(999);
  });

  it("blocks a long animation whose one red frame falls between the evenly spaced ones: it starts a new scene", async () => {
    // 130 frames (each a little different, so that the encoder keeps them all); 64 are screened evenly spaced.
    const colours: string[] = Array.from({ length: 130 }, (_, i) => (i % 2 ? calm : "#1f8f8f"));
    const hidden = [...Array(130).keys()].find((i) => i > 10 && !evenlySpacedPages(130).has(i))!;
    colours[hidden] = red;
    const file = await animation("gif", colours, { width: 48, height: 36, delayMs: 40 });
    expect((await sharp(file).metadata()).pages).toBe(130);
    await expect(checkVisual({ kind: "image", file }, { classifier: fixtureClassifier })).rejects.toMatchObject({ code: "NUDITY_BLOCKED" });
  });
});

describe("decoding for the classifier", () => {
  it("gives 224×224×3 bytes for RGB, RGBA and greyscale images", async () => {
    const grey = await sharp({ create: { width: 50, height: 70, channels: 3, background: "#888" } })
      .greyscale()
      .png()
      .toBuffer();
    for (const file of [await solid(1, 2, 3), await solid(1, 2, 3, 4), grey]) {
      expect((await imagePixels(file)).length).toBe(224 * 224 * 3);
    }
  });

  it("refuses a decompression bomb without decoding it", async () => {
    // A tiny PNG whose header claims 16000×16000 pixels.
    const bomb = await sharp({ create: { width: 1, height: 1, channels: 3, background: "#000" } })
      .png()
      .toBuffer();
    bomb.writeUInt32BE(16000, 16);
    bomb.writeUInt32BE(16000, 20);
    bomb.writeUInt32BE(zlib.crc32(bomb.subarray(12, 29)), 29);
    await expect(imagePixels(bomb)).rejects.toThrow(/pixel limit/i);
  });
});
