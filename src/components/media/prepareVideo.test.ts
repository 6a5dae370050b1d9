import { describe, expect, it } from "vitest";
import { UPLOADS } from "@/shared/limits";
import { encodedSize, serverWouldRemux } from "./prepareVideo";

const none = { trimStartMs: 0, trimEndMs: null, muted: false };

describe("serverWouldRemux: which uploads the browser leaves alone", () => {
  it("H.264 in MP4 and VP8/VP9 in WebM, whatever their size, cut at the end or muted", () => {
    expect(serverWouldRemux({ container: "mp4", codec: "avc" }, none)).toBe(true);
    expect(serverWouldRemux({ container: "webm", codec: "vp9" }, { ...none, trimEndMs: 3000, muted: true })).toBe(true);
  });
  it("not a cut at the start, nor a codec the server re-encodes", () => {
    expect(serverWouldRemux({ container: "mp4", codec: "avc" }, { ...none, trimStartMs: 500 })).toBe(false);
    expect(serverWouldRemux({ container: "mp4", codec: "hevc" }, none)).toBe(false);
    expect(serverWouldRemux({ container: "webm", codec: "avc" }, none)).toBe(false);
    expect(serverWouldRemux({ container: "other", codec: "avc" }, none)).toBe(false);
  });
});

describe("encodedSize", () => {
  it("keeps the shape, caps the longest edge as the server's transcode does and rounds to even numbers", () => {
    expect(UPLOADS.maxVideoEdge).toBe(1280);
    expect(encodedSize(3840, 2160)).toEqual({ width: 1280, height: 720 });
    expect(encodedSize(1080, 1920)).toEqual({ width: 720, height: 1280 });
    expect(encodedSize(2160, 3841)).toEqual({ width: 720, height: 1280 });
    expect(encodedSize(641, 361)).toEqual({ width: 642, height: 362 });
  });
});
