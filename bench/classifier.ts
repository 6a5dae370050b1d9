// The nudity classifier: model load time, latency per image (sharp decode + inference) and
// per video (one ffmpeg decode pass, a frame a second plus scene changes, + inference; the
// budget: a 60 s 720p clip in under 5 s), and memory, all in this process (the model runs
// in a worker thread, so process RSS includes it).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import { visualSource } from "../src/domain/safety/screen-upload";
import { classifyVisual } from "../src/domain/safety/screen";
import { startClassifierPool } from "../src/server/classifier-pool";
import type { NudityClassifier } from "../src/domain/safety/classifier";
import { NUDITY } from "../src/shared/limits";
import { ffmpegSync } from "../tests/helpers/media";
import { summarize } from "./lib/stats";

const root = path.resolve(import.meta.dirname, "..");
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** Photos as phones send them after the app's resize: 2048 px JPEGs made from the safe fixtures. */
async function photos(dir: string): Promise<string[]> {
  const sources = fs.readdirSync(path.join(root, "tests/fixtures/safe")).filter((f) => f.endsWith(".jpg"));
  return Promise.all(
    sources.map(async (f) => {
      const out = path.join(dir, f);
      await sharp(path.join(root, "tests/fixtures/safe", f))
        .resize(2048, 1536, { fit: "fill" })
        .jpeg({ quality: 85 })
        .toFile(out);
      return out;
    }),
  );
}

function video(dir: string, seconds: number, size: string): string {
  const out = path.join(dir, `clip-${size}-${seconds}s.mp4`);
  ffmpegSync(["-f", "lavfi", "-i", `testsrc2=size=${size}:rate=30:duration=${seconds}`, "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", out]);
  return out;
}

export async function benchClassifier(): Promise<Record<string, unknown>[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "murmur-bench-classifier-"));
  const rssBefore = process.memoryUsage().rss;
  const loadStarted = performance.now();
  const pool = startClassifierPool({ workerPath: path.join(root, "workers/classify.worker.mjs"), size: 1, jobTimeoutMs: NUDITY.classifyTimeoutMs });
  try {
    const { loadMs } = await pool.ready();
    const readyMs = performance.now() - loadStarted;
    const rssLoaded = process.memoryUsage().rss;

    const files = await photos(dir);
    const imageTimes: number[] = [];
    const imagesStarted = performance.now();
    for (let round = 0; round < 5; round++) {
      for (const file of files) {
        const t = performance.now();
        await classifyVisual(visualSource({ kind: "image", file }), { classifier: pool });
        imageTimes.push(performance.now() - t);
      }
    }
    const imagesElapsed = performance.now() - imagesStarted;

    const rows: Record<string, unknown>[] = [
      { benchmark: "model load (worker ready)", ms: Math.round(readyMs), "model ms": loadMs, "RSS MB": mb(rssLoaded), "RSS added MB": mb(rssLoaded - rssBefore) },
      { ...summarize("image 2048×1536 JPEG (decode + classify)", imageTimes, imagesElapsed), "RSS MB": mb(process.memoryUsage().rss) },
    ];
    // A video is screened at one frame a second plus scene changes, decoded in one ffmpeg pass while the model classifies.
    for (const [seconds, size] of [
      [15, "1280x720"],
      [60, "1280x720"],
    ] as const) {
      const file = video(dir, seconds, size);
      let frames = 0;
      const counting: NudityClassifier = { classify: (pixels) => (frames++, pool.classify(pixels)) };
      const times: number[] = [];
      const started = performance.now();
      for (let i = 0; i < 3; i++) {
        const t = performance.now();
        await classifyVisual(visualSource({ kind: "video", file }), { classifier: counting });
        times.push(performance.now() - t);
      }
      const row = summarize(`video ${seconds} s ${size} 30 fps (${frames / 3} frames: decode + classify)`, times, performance.now() - started);
      rows.push({ ...row, "RSS MB": mb(process.memoryUsage().rss) });
    }
    return rows;
  } finally {
    await pool.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
