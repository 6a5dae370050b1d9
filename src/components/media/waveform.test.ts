import { describe, expect, it } from "vitest";
import { formatDuration, fractionAt, levelOf, playedBars, waveformBars } from "./waveform";

describe("waveform", () => {
  it("keeps 64 peaks as 64 bars, clamped with a minimum height", () => {
    const peaks = Array.from({ length: 64 }, (_, i) => (i % 2 ? 1.4 : 0));
    const bars = waveformBars(peaks, 64);
    expect(bars).toHaveLength(64);
    expect(bars[0]).toBe(0.08);
    expect(bars[1]).toBe(1);
  });

  it("takes the loudest peak of each span when there are fewer bars", () => {
    expect(waveformBars([0.1, 0.9, 0.2, 0.3], 2)).toEqual([0.9, 0.3]);
  });

  it("stretches fewer peaks over more bars", () => {
    expect(waveformBars([0.5, 1], 4)).toEqual([0.5, 0.5, 1, 1]);
  });

  it("draws flat bars without peaks", () => {
    expect(waveformBars(null, 3)).toEqual([0.08, 0.08, 0.08]);
  });

  it("fills bars as it plays", () => {
    expect(playedBars(64, 0)).toBe(0);
    expect(playedBars(64, 0.5)).toBe(32);
    expect(playedBars(64, 1.2)).toBe(64);
  });

  it("seeks to where the pointer is", () => {
    expect(fractionAt(150, 100, 200)).toBe(0.25);
    expect(fractionAt(50, 100, 200)).toBe(0);
    expect(fractionAt(400, 100, 200)).toBe(1);
  });

  it("formats lengths as m:ss", () => {
    expect(formatDuration(7_900)).toBe("0:07");
    expect(formatDuration(60_000)).toBe("1:00");
  });

  it("reads silence as zero and a loud signal as high", () => {
    expect(levelOf(new Uint8Array(128).fill(128))).toBe(0);
    expect(levelOf(Uint8Array.from({ length: 128 }, (_, i) => (i % 2 ? 255 : 0)))).toBe(1);
  });
});
