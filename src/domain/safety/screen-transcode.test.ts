// A background transcode screened from its own decode (one ffmpeg, two outputs): the same
// frames as a separate decode of the kept range, a refusal that stops the transcode at once,
// and a decode failure that is never a verdict.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { processVideo } from "@/domain/media/video";
import * as fx from "../../../tests/helpers/media";
import { fixtureClassifier } from "./fixture-classifier";
import { FRAME_BYTES } from "./pixels";
import { screeningTap } from "./screen-upload";
import { videoFrames } from "./video-frames";

const dir = fx.fixtureDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

let runs = 0;
const workDir = () => fs.mkdtempSync(path.join(dir, `run-${++runs}-`));
const colourVideo = (name: string, segments: [string, number][]) => fx.colourVideo(path.join(dir, name), segments);

async function collect(frames: AsyncIterable<Uint8Array>): Promise<Uint8Array[]> {
  const all: Uint8Array[] = [];
  for await (const f of frames) all.push(f);
  return all;
}

/** The tap's frames, collected instead of classified (the screening's own filter and format). */
function collectingTap() {
  const tap = screeningTap(fixtureClassifier);
  return { ...tap, read: (frames: AsyncIterable<Uint8Array>) => collect(frames) };
}

const ffmpegOn = (file: string) => {
  try {
    return execFileSync("pgrep", ["-f", file]).toString().trim();
  } catch {
    return ""; // pgrep exits 1 when nothing matches
  }
};

describe("a transcode screened from its own decode", () => {
  it("hands the screening the first frame and one every second of the kept range, as a separate decode of that range would", async () => {
    const file = colourVideo("steady.mp4", [["green", 9]]); // one scene: only the frames a second
    const edits = { trimStartMs: 1000, trimEndMs: 8500 }; // 7.5 s kept
    const video = await processVideo(file, workDir(), edits, { tap: collectingTap() });
    expect(video.method).toBe("transcode");
    const tapped = video.tapped?.value ?? [];
    // 0, 1, …, 7 s of the kept 7.5 s: one missing second fails this.
    expect(tapped).toHaveLength(8);
    for (const f of tapped) expect(f.length).toBe(FRAME_BYTES);
    const separate = await collect(videoFrames(file, { startMs: 1000, lengthMs: 7500 }));
    expect(tapped.length).toBe(separate.length);
  });

  it("hands it every scene change of the kept range too", async () => {
    const file = colourVideo("cuts.mp4", [
      ["blue", 1],
      ["green", 0.8],
      ["blue", 1.4],
      ["green", 1.8],
    ]);
    const video = await processVideo(file, workDir(), { trimStartMs: 1000 }, { tap: collectingTap() });
    // As in video-frames.test.ts, 1 s later: 0, the cut at 0.8, 1.8, the cut at 2.2, 3.2.
    expect(video.tapped?.value).toHaveLength(5);
  });

  it("passes a harmless clip with its scores, and refuses a red frame in the middle: NUDITY_BLOCKED", async () => {
    const calm = colourVideo("calm.mp4", [
      ["green", 1.8],
      ["blue", 0.5],
      ["green", 1.7],
    ]);
    const passed = await processVideo(calm, workDir(), { trimStartMs: 500 }, { tap: screeningTap(fixtureClassifier) });
    expect(passed.tapped?.value).toMatchObject({ neutral: 1 });
    const middle = colourVideo("middle.mp4", [
      ["green", 1.8],
      ["red", 1 / 15], // one frame
      ["green", 1.7],
    ]);
    await expect(processVideo(middle, workDir(), { trimStartMs: 500 }, { tap: screeningTap(fixtureClassifier) })).rejects.toMatchObject({ code: "NUDITY_BLOCKED" });
  });

  it("stops the transcode at once when the screening refuses: no ffmpeg is left running on the file", async () => {
    const file = colourVideo("red-start.mp4", [
      ["green", 0.5],
      ["red", 0.5],
      ["green", 59],
    ]);
    let progress = 0;
    await expect(processVideo(file, workDir(), { trimStartMs: 200 }, { tap: screeningTap(fixtureClassifier), onProgress: (f) => (progress = Math.max(progress, f)) })).rejects.toMatchObject({
      code: "NUDITY_BLOCKED",
    });
    expect(ffmpegOn(file)).toBe("");
    expect(progress).toBeLessThan(1);
  });

  it("fails a transcode whose screening fails (the classifier is down) with the screening's code", async () => {
    const file = colourVideo("plain.mp4", [["green", 3]]);
    const tap = screeningTap({ classify: () => Promise.reject(new Error("no model")) });
    await expect(processVideo(file, workDir(), { trimStartMs: 500 }, { tap })).rejects.toMatchObject({ code: "NUDITY_CHECK_FAILED" });
    expect(ffmpegOn(file)).toBe("");
  });

  it("leaves a remux's screening to the caller: nothing decoded, nothing tapped", async () => {
    const file = colourVideo("remux.mp4", [["green", 2]]);
    const video = await processVideo(file, workDir(), {}, { tap: collectingTap() });
    expect(video.method).toBe("remux");
    expect(video.tapped).toBeUndefined();
  });
});
