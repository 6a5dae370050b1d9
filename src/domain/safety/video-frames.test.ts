import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { NUDITY } from "@/shared/limits";
import * as fx from "../../../tests/helpers/media";
import { fixtureClassifier } from "./fixture-classifier";
import { checkVisual } from "./screen";
import { visualSource } from "./screen-upload";
import { videoFrames } from "./video-frames";

const dir = fx.fixtureDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const colourVideo = (name: string, segments: [string, number][], webm = false) => fx.colourVideo(path.join(dir, name), segments, { webm });

const screen = (file: string) => checkVisual(visualSource({ kind: "video", file }), { classifier: fixtureClassifier });

async function collect(frames: AsyncIterable<Uint8Array>): Promise<Uint8Array[]> {
  const all: Uint8Array[] = [];
  for await (const f of frames) all.push(f);
  return all;
}

describe("a video's frames to screen", () => {
  it("reads the first frame and one a second, as 224×224×3 bytes, in one pass", async () => {
    const frames = await collect(videoFrames(colourVideo("plain.mp4", [["green", 4]])));
    expect(frames).toHaveLength(4); // 0, 1, 2, 3 s: a single scene
    for (const f of frames) expect(f.length).toBe(224 * 224 * 3);
  });

  it("adds every scene change to the frames a second", async () => {
    const frames = await collect(
      videoFrames(
        colourVideo("cuts.mp4", [
          ["green", 0.8],
          ["blue", 1.4],
          ["green", 1.8],
        ]),
      ),
    );
    // 0, the cut at 0.8, 1.8, the cut at 2.2, 3.2.
    expect(frames).toHaveLength(5);
  });

  it("stops decoding when screening stops early: no ffmpeg is left running on the file", async () => {
    const file = colourVideo("long.mp4", [["green", 30]]);
    const running = () => {
      try {
        return execFileSync("pgrep", ["-f", file]).toString().trim();
      } catch {
        return ""; // pgrep exits 1 when nothing matches
      }
    };
    for await (const frame of videoFrames(file)) {
      expect(frame.length).toBe(224 * 224 * 3);
      expect(running()).not.toBe(""); // still decoding the other 29 s
      break;
    }
    await new Promise((r) => setTimeout(r, 200));
    expect(running()).toBe("");
  });

  it("blocks a video whose only blocked moment is its very end", async () => {
    await expect(
      screen(
        colourVideo("end.mp4", [
          ["green", 3.5],
          ["red", 0.4],
        ]),
      ),
    ).rejects.toMatchObject({ code: "NUDITY_BLOCKED" });
  });

  it("blocks a video whose blocked moment is in the middle, and passes the same video without it", async () => {
    await expect(
      screen(
        colourVideo("middle.mp4", [
          ["green", 1.8],
          ["red", 0.5],
          ["green", 1.7],
        ]),
      ),
    ).rejects.toMatchObject({ code: "NUDITY_BLOCKED" });
    await expect(
      screen(
        colourVideo("calm.mp4", [
          ["green", 1.8],
          ["blue", 0.5],
          ["green", 1.7],
        ]),
      ),
    ).resolves.toMatchObject({ neutral: 1 });
  });

  it("blocks a blocked stretch between two sampling points of the old five-frame scheme", async () => {
    await expect(
      screen(
        colourVideo("between.mp4", [
          ["green", 0.8],
          ["red", 1.4],
          ["green", 7.8],
        ]),
      ),
    ).rejects.toMatchObject({ code: "NUDITY_BLOCKED" });
  });

  it("blocks one red frame between two frames a second, in a clip screened in several batches", async () => {
    const flash = colourVideo("flash.mp4", [
      ["green", 12.5],
      ["red", 1 / 15], // a single frame at 15 fps
      ["green", 6],
    ]);
    // Sampled: 0-12 s, the cut into red at 12.5 s, the cut back, then a frame a second: more than one batch.
    expect((await collect(videoFrames(flash))).length).toBeGreaterThan(2 * NUDITY.classifyBatchFrames);
    await expect(screen(flash)).rejects.toMatchObject({ code: "NUDITY_BLOCKED" });
    await expect(
      screen(
        colourVideo("no-flash.mp4", [
          ["green", 12.5],
          ["blue", 1 / 15],
          ["green", 6],
        ]),
      ),
    ).resolves.toMatchObject({ neutral: 1 });
  });

  it("samples WebM (VP8) as MediaRecorder makes it", async () => {
    await expect(
      screen(
        colourVideo(
          "end.webm",
          [
            ["green", 2],
            ["magenta", 0.5],
          ],
          true,
        ),
      ),
    ).rejects.toMatchObject({ code: "NUDITY_BLOCKED" });
  });

  it("refuses a file that is not a video: NUDITY_CHECK_FAILED", async () => {
    const junk = path.join(dir, "junk.mp4");
    fs.writeFileSync(junk, "not a video at all");
    await expect(screen(junk)).rejects.toMatchObject({ code: "NUDITY_CHECK_FAILED" });
  });
});
