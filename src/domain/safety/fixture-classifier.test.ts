import sharp from "sharp";
import { describe, expect, it } from "vitest";
import { fixtureScores } from "./fixture-classifier";
import { imagePixels } from "./pixels";
import { isBlocked } from "./scores";

const solid = (r: number, g: number, b: number) =>
  sharp({ create: { width: 64, height: 48, channels: 3, background: { r, g, b } } })
    .png()
    .toBuffer();

describe("the test-only fixture classifier", () => {
  it("scores red and magenta as blocked, other colours as neutral", async () => {
    expect(isBlocked(fixtureScores(await imagePixels(await solid(230, 20, 20))))).toBe(true);
    expect(isBlocked(fixtureScores(await imagePixels(await solid(230, 20, 230))))).toBe(true);
    expect(fixtureScores(await imagePixels(await solid(30, 160, 60)))).toMatchObject({ neutral: 1 });
    expect(fixtureScores(await imagePixels(await solid(230, 180, 150)))).toMatchObject({ neutral: 1 });
  });

  it("fails on a black image, to simulate a classifier failure", async () => {
    expect(() => fixtureScores(new Uint8Array(224 * 224 * 3))).toThrow(/simulated failure/);
  });
});
