import { describe, expect, it } from "vitest";
import { applyAdjustments, NO_ADJUSTMENTS } from "./adjustments";

const pixel = (r: number, g: number, b: number, a = 255) => new Uint8ClampedArray([r, g, b, a]);

describe("photo adjustments", () => {
  it("leaves pixels alone without adjustments", () => {
    const p = pixel(10, 200, 99);
    applyAdjustments(p, NO_ADJUSTMENTS);
    expect([...p]).toEqual([10, 200, 99, 255]);
  });

  it("brightens and darkens", () => {
    const bright = pixel(100, 100, 100);
    applyAdjustments(bright, { ...NO_ADJUSTMENTS, brightness: 50 });
    expect(bright[0]).toBe(150);
    const dark = pixel(100, 100, 100);
    applyAdjustments(dark, { ...NO_ADJUSTMENTS, brightness: -50 });
    expect(dark[0]).toBe(50);
  });

  it("spreads values away from mid-grey with more contrast, and clamps", () => {
    const p = pixel(64, 192, 250);
    applyAdjustments(p, { ...NO_ADJUSTMENTS, contrast: 100 });
    expect([...p]).toEqual([0, 255, 255, 255]);
  });

  it("turns colour into grey with the mono look, keeping alpha", () => {
    const p = pixel(255, 0, 0, 90);
    applyAdjustments(p, { ...NO_ADJUSTMENTS, look: "mono" });
    expect(p[0]).toBe(p[1]);
    expect(p[1]).toBe(p[2]);
    expect(p[3]).toBe(90);
  });
});
