import { describe, expect, it } from "vitest";
import { aspectRatio, initialCrop, moveCrop, outputSize, resizeCrop, rotatedSize } from "./cropMath";

const landscape = { width: 1200, height: 800 };

describe("crop math", () => {
  it("knows the ratios", () => {
    expect(aspectRatio("free")).toBeNull();
    expect(aspectRatio("1:1")).toBe(1);
    expect(aspectRatio("4:5")).toBe(0.8);
    expect(aspectRatio("9:16")).toBeCloseTo(0.5625);
  });

  it("swaps the sides on odd quarter turns only", () => {
    expect(rotatedSize(landscape, 1)).toEqual({ width: 800, height: 1200 });
    expect(rotatedSize(landscape, 2)).toEqual(landscape);
    expect(rotatedSize(landscape, -1)).toEqual({ width: 800, height: 1200 });
  });

  it("starts with the largest centred crop of the aspect", () => {
    expect(initialCrop(landscape, "free")).toEqual({ x: 0, y: 0, ...landscape });
    expect(initialCrop(landscape, "1:1")).toEqual({ x: 200, y: 0, width: 800, height: 800 });
    expect(initialCrop(landscape, "9:16")).toEqual({ x: 375, y: 0, width: 450, height: 800 });
    expect(initialCrop({ width: 800, height: 2000 }, "4:5")).toEqual({ x: 0, y: 500, width: 800, height: 1000 });
  });

  it("keeps a moved crop inside the image", () => {
    const square = initialCrop(landscape, "1:1");
    expect(moveCrop(square, 1000, 50, landscape)).toEqual({ x: 400, y: 0, width: 800, height: 800 });
    expect(moveCrop(square, -1000, 0, landscape).x).toBe(0);
  });

  it("keeps the aspect, the bounds and a minimum size when resizing", () => {
    const start = { x: 100, y: 100, width: 400, height: 400 };
    const bigger = resizeCrop(start, 300, 10, "1:1", landscape);
    expect(bigger.width).toBe(bigger.height);
    expect(bigger.y + bigger.height).toBeLessThanOrEqual(landscape.height);
    expect(bigger).toEqual({ x: 100, y: 100, width: 700, height: 700 });
    const tiny = resizeCrop(start, -1000, -1000, "4:5", landscape);
    expect(tiny.width / tiny.height).toBeCloseTo(0.8, 1);
    expect(tiny.width).toBeGreaterThanOrEqual(32);
    const free = resizeCrop(start, 2000, -50, "free", landscape);
    expect(free).toEqual({ x: 100, y: 100, width: 1100, height: 350 });
  });

  it("scales the output down to the longest edge allowed", () => {
    expect(outputSize({ width: 4000, height: 3000 }, 2048)).toEqual({ width: 2048, height: 1536 });
    expect(outputSize({ width: 300, height: 200 }, 2048)).toEqual({ width: 300, height: 200 });
  });
});
