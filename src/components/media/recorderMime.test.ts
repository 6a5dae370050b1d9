import { describe, expect, it } from "vitest";
import { AUDIO_TYPES, baseMime, pickMime, recordingName } from "./recorderMime";

describe("recorder formats", () => {
  it("prefers Opus in WebM where it is supported (Chromium, Firefox)", () => {
    expect(pickMime(AUDIO_TYPES, (t) => t.startsWith("audio/webm"))).toBe("audio/webm;codecs=opus");
  });

  it("falls back to AAC in MP4 (Safari)", () => {
    expect(pickMime(AUDIO_TYPES, (t) => t.startsWith("audio/mp4"))).toBe("audio/mp4;codecs=mp4a.40.2");
  });

  it("lets the browser choose when nothing is known", () => {
    expect(pickMime(AUDIO_TYPES, () => false)).toBeUndefined();
    expect(
      pickMime(AUDIO_TYPES, () => {
        throw new Error("old browser");
      }),
    ).toBeUndefined();
  });

  it("names files after their container", () => {
    expect(recordingName("voice", "audio/mp4;codecs=mp4a.40.2")).toBe("voice.m4a");
    expect(recordingName("voice", "audio/webm;codecs=opus")).toBe("voice.webm");
    expect(recordingName("clip", "video/mp4")).toBe("clip.mp4");
    expect(baseMime("audio/webm;codecs=opus")).toBe("audio/webm");
  });
});
