import { describe, expect, it } from "vitest";
import { VISUALS } from "@/shared/limits";
import { isAnimated, jpegDecodeSize, outputTypeFor, shouldDownscale, targetSize } from "./downscale";

const MB = 1024 * 1024;
const phone = { type: "image/jpeg", width: 4032, height: 3024, bytes: 5 * MB, animated: false };

describe("which photos are scaled down before upload", () => {
  it("scales a 12 MP phone photo, and one within the edge that is over the small size", () => {
    expect(shouldDownscale(phone)).toBe(true);
    expect(shouldDownscale({ ...phone, width: 2048, height: 1536, bytes: VISUALS.smallImageBytes + 1 })).toBe(true);
    expect(shouldDownscale({ ...phone, type: "image/png", width: 3000, height: 2000, bytes: 200_000 })).toBe(true);
  });

  it("keeps a small photo, an animation, a GIF and what is not a decodable image", () => {
    expect(shouldDownscale({ ...phone, width: 2048, height: 1536, bytes: VISUALS.smallImageBytes })).toBe(false);
    expect(shouldDownscale({ ...phone, type: "image/webp", animated: true })).toBe(false);
    expect(shouldDownscale({ ...phone, type: "image/gif" })).toBe(false);
    expect(shouldDownscale({ ...phone, type: "image/svg+xml" })).toBe(false);
    expect(shouldDownscale({ ...phone, type: "video/mp4" })).toBe(false);
    expect(shouldDownscale({ ...phone, width: 0, height: 0 })).toBe(false);
  });

  it(`fits the long edge into ${VISUALS.maxImageEdge} px, keeping the aspect, never enlarging`, () => {
    expect(targetSize({ width: 4032, height: 3024 })).toEqual({ width: 2048, height: 1536 });
    expect(targetSize({ width: 3024, height: 4032 })).toEqual({ width: 1536, height: 2048 });
    expect(targetSize({ width: 9000, height: 10 })).toEqual({ width: 2048, height: 2 });
    expect(targetSize({ width: 20000, height: 1 })).toEqual({ width: 2048, height: 1 });
    expect(targetSize({ width: 800, height: 600 })).toEqual({ width: 800, height: 600 });
  });

  it("decodes a JPEG at the smallest eighth of its size that still covers the target", () => {
    expect(jpegDecodeSize({ width: 4032, height: 3024 }, { width: 2048, height: 1536 })).toEqual({ width: 2520, height: 1890 });
    expect(jpegDecodeSize({ width: 3024, height: 4032 }, { width: 1536, height: 2048 })).toEqual({ width: 1890, height: 2520 });
    expect(jpegDecodeSize({ width: 6000, height: 4000 }, targetSize({ width: 6000, height: 4000 }))).toEqual({ width: 2250, height: 1500 });
    expect(jpegDecodeSize({ width: 16384, height: 12288 }, { width: 2048, height: 1536 })).toEqual({ width: 2048, height: 1536 });
    expect(jpegDecodeSize({ width: 2200, height: 1650 }, { width: 2048, height: 1536 })).toBeNull();
  });

  it("keeps the alpha of PNG and WebP", () => {
    expect(outputTypeFor("image/png")).toBe("image/webp");
    expect(outputTypeFor("image/webp")).toBe("image/webp");
    expect(outputTypeFor("image/jpeg")).toBe("image/jpeg");
    expect(outputTypeFor("image/heic")).toBe("image/jpeg");
  });
});

const bytes = (...parts: (string | number[])[]) => new Uint8Array(parts.flatMap((p) => (typeof p === "string" ? [...p].map((c) => c.charCodeAt(0)) : p)));
const u32 = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const chunk = (name: string, length: number) => [...u32(length), ...[...name].map((c) => c.charCodeAt(0)), ...new Array(length + 4).fill(0)];
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

describe("telling an animation from its first bytes", () => {
  it("an APNG has acTL before its first IDAT; a still PNG does not", () => {
    expect(isAnimated("image/png", bytes(PNG_SIGNATURE, chunk("IHDR", 13), chunk("acTL", 8), chunk("IDAT", 20)))).toBe(true);
    expect(isAnimated("image/png", bytes(PNG_SIGNATURE, chunk("IHDR", 13), chunk("tEXt", 30), chunk("IDAT", 20), chunk("acTL", 8)))).toBe(false);
  });

  it("a PNG whose first IDAT is beyond the bytes read counts as animated (kept as it is)", () => {
    expect(isAnimated("image/png", bytes(PNG_SIGNATURE, chunk("IHDR", 13), [...u32(1_000_000), ...[..."iCCP"].map((c) => c.charCodeAt(0))]))).toBe(true);
  });

  it("a WebP is animated when its VP8X header says so", () => {
    const vp8x = (flags: number) => bytes("RIFF", [0, 0, 0, 0], "WEBP", "VP8X", u32(10).reverse(), [flags, 0, 0, 0]);
    expect(isAnimated("image/webp", vp8x(0x02))).toBe(true);
    expect(isAnimated("image/webp", vp8x(0x10))).toBe(false);
    expect(isAnimated("image/webp", bytes("RIFF", [0, 0, 0, 0], "WEBP", "VP8 "))).toBe(false);
  });

  it("any GIF is kept (only a full parse would count its frames); a JPEG never is animated", () => {
    expect(isAnimated("image/gif", bytes("GIF89a"))).toBe(true);
    expect(isAnimated("image/jpeg", bytes([0xff, 0xd8, 0xff]))).toBe(false);
  });
});
