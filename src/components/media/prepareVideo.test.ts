import { describe, expect, it } from "vitest";
import { encodedSize, serverWouldRemux } from "./prepareVideo";

const none = { trimStartMs: 0, trimEndMs: null, muted: false };

describe("serverWouldRemux: which uploads the browser leaves alone", () => {
  it("H.264 in MP4 and VP8/VP9 in WebM up to 1920 px, cut at the end or muted", () => {
    expect(serverWouldRemux({ container: "mp4", codec: "avc", width: 1920, height: 1080 }, none)).toBe(true);
    expect(serverWouldRemux({ container: "webm", codec: "vp9", width: 1280, height: 720 }, { ...none, trimEndMs: 3000, muted: true })).toBe(true);
  });
  it("not a cut at the start, a codec the server re-encodes, or a size above the limit", () => {
    expect(serverWouldRemux({ container: "mp4", codec: "avc", width: 1920, height: 1080 }, { ...none, trimStartMs: 500 })).toBe(false);
    expect(serverWouldRemux({ container: "mp4", codec: "hevc", width: 1920, height: 1080 }, none)).toBe(false);
    expect(serverWouldRemux({ container: "webm", codec: "avc", width: 640, height: 360 }, none)).toBe(false);
    expect(serverWouldRemux({ container: "mp4", codec: "avc", width: 3840, height: 2160 }, none)).toBe(false);
  });
});

describe("encodedSize", () => {
  it("keeps the shape, caps the longest edge at 1920 and rounds to even numbers", () => {
    expect(encodedSize(3840, 2160)).toEqual({ width: 1920, height: 1080 });
    expect(encodedSize(1080, 1920)).toEqual({ width: 1080, height: 1920 });
    expect(encodedSize(2160, 3841)).toEqual({ width: 1080, height: 1920 });
    expect(encodedSize(641, 361)).toEqual({ width: 642, height: 362 });
  });
});
