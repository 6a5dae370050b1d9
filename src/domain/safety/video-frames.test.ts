import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import * as fx from "../../../tests/helpers/media";
import { fixtureClassifier } from "./fixture-classifier";
import { checkVisual } from "./screen";
import { visualSource } from "./screen-upload";
import { frameTimesMs, videoFrames } from "./video-frames";

const dir = fx.fixtureDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Colour segments [colour, seconds] joined into one H.264 MP4 (or VP8 WebM). */
function colourVideo(name: string, segments: [string, number][], webm = false): string {
  const file = path.join(dir, name);
  const inputs = segments.flatMap(([c, d]) => ["-f", "lavfi", "-i", `color=c=${c}:s=320x240:r=15:d=${d}`]);
  const codec = webm ? ["-c:v", "libvpx", "-b:v", "200k", "-f", "webm"] : ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-f", "mp4"];
  fx.ffmpegSync([...inputs, "-filter_complex", `${segments.map((_, i) => `[${i}:v]`).join("")}concat=n=${segments.length}:v=1:a=0`, ...codec, file]);
  return file;
}

const screen = (file: string, durationMs: number) => checkVisual(visualSource({ kind: "video", file, durationMs }), { classifier: fixtureClassifier });

describe("sampling a video's frames", () => {
  it("places frames at the start and evenly before the end", () => {
    expect(frameTimesMs(4000, 5)).toEqual([0, 1000, 2000, 3000]);
    expect(frameTimesMs(900, 2)).toEqual([0]);
  });

  it("reads start, evenly spaced and end frames as 224×224×3 bytes", async () => {
    const frames = await videoFrames(colourVideo("plain.mp4", [["green", 4]]), 4000, 5);
    expect(frames).toHaveLength(5);
    for (const f of frames) expect(f.length).toBe(224 * 224 * 3);
  });

  it("blocks a video whose only blocked moment is its very end", async () => {
    await expect(screen(colourVideo("end.mp4", [["green", 3.5], ["red", 0.4]]), 3900)).rejects.toMatchObject({ code: "NUDITY_BLOCKED" });
  });

  it("blocks a video whose blocked moment is in the middle, and passes the same video without it", async () => {
    await expect(screen(colourVideo("middle.mp4", [["green", 1.8], ["red", 0.5], ["green", 1.7]]), 4000)).rejects.toMatchObject({ code: "NUDITY_BLOCKED" });
    await expect(screen(colourVideo("calm.mp4", [["green", 1.8], ["blue", 0.5], ["green", 1.7]]), 4000)).resolves.toMatchObject({ neutral: 1 });
  });

  it("samples WebM (VP8) as MediaRecorder makes it", async () => {
    await expect(screen(colourVideo("end.webm", [["green", 2], ["magenta", 0.5]], true), 2500)).rejects.toMatchObject({ code: "NUDITY_BLOCKED" });
  });

  it("refuses a file that is not a video: NUDITY_CHECK_FAILED", async () => {
    const junk = path.join(dir, "junk.mp4");
    fs.writeFileSync(junk, "not a video at all");
    await expect(screen(junk, 3000)).rejects.toMatchObject({ code: "NUDITY_CHECK_FAILED" });
  });
});
