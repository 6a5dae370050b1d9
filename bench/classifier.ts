// The nudity classifier: model load time, latency per image (sharp decode + inference) and
// per video (one ffmpeg decode pass at the model's size, a frame a second plus scene
// changes, classified in batches while ffmpeg decodes), and memory, all in this process
// (the model runs in worker threads, so process RSS includes it). Each row states its target.
// MURMUR_CLASSIFIER_WORKERS sets the pool's size as in the server (default 1).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import sharp from "sharp";
import type { NudityClassifier } from "../src/domain/safety/classifier";
import { classifyVisual, type VisualSource } from "../src/domain/safety/screen";
import { visualSource } from "../src/domain/safety/screen-upload";
import { videoFrames } from "../src/domain/safety/video-frames";
import { startClassifierPool } from "../src/server/classifier-pool";
import { NUDITY } from "../src/shared/limits";
import { ffmpegSync } from "../tests/helpers/media";
import { summarize } from "./lib/stats";

const root = path.resolve(import.meta.dirname, "..");
const mb = (bytes: number) => Math.round(bytes / 1024 / 1024);

/** Photos made from the safe fixtures at a size: 2048×1536 as phones send them after the app's resize, 4000×3000 (12 MP) straight from a camera. */
async function photos(dir: string, width: number, height: number): Promise<string[]> {
  const sources = fs.readdirSync(path.join(root, "tests/fixtures/safe")).filter((f) => f.endsWith(".jpg"));
  return Promise.all(
    sources.map(async (f) => {
      const out = path.join(dir, `${width}x${height}-${f}`);
      await sharp(path.join(root, "tests/fixtures/safe", f))
        .resize(width, height, { fit: "fill" })
        .jpeg({ quality: 90 })
        .toFile(out);
      return out;
    }),
  );
}

/** A test-pattern clip; `preset` ultrafast as the older rows, or veryfast High profile as the app transcodes (costlier to decode, like a phone's clip). */
function video(dir: string, seconds: number, size: string, preset: "ultrafast" | "veryfast"): string {
  const out = path.join(dir, `clip-${size}-${seconds}s-${preset}.mp4`);
  const codec = preset === "ultrafast" ? ["-preset", "ultrafast"] : ["-preset", "veryfast", "-crf", "23", "-profile:v", "high"];
  ffmpegSync(["-f", "lavfi", "-i", `testsrc2=size=${size}:rate=30:duration=${seconds}`, "-c:v", "libx264", ...codec, "-pix_fmt", "yuv420p", out]);
  return out;
}

/** The classifier one frame at a time, as screening was before batches: the comparison row. */
const oneAtATime = (classifier: NudityClassifier): NudityClassifier => ({
  classify: async (frames) => {
    const scores = [];
    for (const frame of frames) scores.push(...(await classifier.classify([frame])));
    return scores;
  },
});

export async function benchClassifier(): Promise<Record<string, unknown>[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "murmur-bench-classifier-"));
  const workers = Math.max(1, Number(process.env.MURMUR_CLASSIFIER_WORKERS ?? 1) || 1);
  const rssBefore = process.memoryUsage().rss;
  const loadStarted = performance.now();
  const pool = startClassifierPool({ workerPath: path.join(root, "workers/classify.worker.mjs"), size: workers, jobTimeoutMs: NUDITY.classifyTimeoutMs });
  const pools = `${workers} worker${workers > 1 ? "s" : ""}`;
  try {
    const { loadMs, simd, threads } = await pool.ready();
    const readyMs = performance.now() - loadStarted;
    const rssLoaded = process.memoryUsage().rss;
    const rows: Record<string, unknown>[] = [
      {
        benchmark: `model load (${pools} ready, wasm ${simd ? "SIMD" : "plain"}, ${threads} thread${threads > 1 ? "s" : ""})`,
        ms: Math.round(readyMs),
        "model ms": loadMs,
        "RSS MB": mb(rssLoaded),
        "RSS added MB": mb(rssLoaded - rssBefore),
      },
    ];

    /** `rounds` screenings one after another, timed each; `name` is read after them (it may count what they did). */
    const timed = async (name: string | (() => string), target: string, rounds: number, screen: (i: number) => Promise<unknown>) => {
      const times: number[] = [];
      let failed = 0;
      const started = performance.now();
      for (let i = 0; i < rounds; i++) {
        const t = performance.now();
        // A refusal (over NUDITY.classifyTimeoutMs on a busy machine) is counted, not fatal to the other rows.
        await screen(i).then(
          () => times.push(performance.now() - t),
          () => failed++,
        );
      }
      const label = typeof name === "string" ? name : name();
      rows.push({ ...summarize(label, times, performance.now() - started), failed, target, "RSS MB": mb(process.memoryUsage().rss) });
    };
    const screenImage = (file: string) => classifyVisual(visualSource({ kind: "image", file }), { classifier: pool });

    const phonePhotos = await photos(dir, 2048, 1536);
    await screenImage(phonePhotos[0]); // warm-up: the first run of the model is slower
    await timed("image 2048×1536 JPEG (decode + classify)", "p99 < 100 ms", 30, (i) => screenImage(phonePhotos[i % phonePhotos.length]));
    const cameraPhotos = await photos(dir, 4000, 3000);
    await timed("image 12 MP JPEG (decode + classify)", "p99 < 100 ms", 12, (i) => screenImage(cameraPhotos[i % cameraPhotos.length]));
    // Nine photos sent together (a gallery message), screened in parallel: the pool shares them out.
    await timed(`nine 2048×1536 photos at once (${pools})`, "-", 5, () => Promise.all(phonePhotos.concat(phonePhotos).slice(0, 9).map(screenImage)));

    // A video: a frame a second plus scene changes, decoded in one ffmpeg pass while the model classifies.
    const screenVideo = async (file: string, classifier: NudityClassifier, count: { frames: number }) => {
      const counting: NudityClassifier = { classify: (frames) => ((count.frames += frames.length), classifier.classify(frames)) };
      const source: VisualSource = visualSource({ kind: "video", file });
      await classifyVisual(source, { classifier: counting });
    };
    const videoRow = async (seconds: number, size: string, preset: "ultrafast" | "veryfast", target: string, comparisons = false) => {
      const file = video(dir, seconds, size, preset);
      const label = `video ${seconds} s ${size.replace("x", "×")} 30 fps x264 ${preset}`;
      const count = { frames: 0 };
      await timed(
        () => `${label} (${count.frames / 3} frames: decode + classify in batches)`,
        target,
        3,
        () => screenVideo(file, pool, count),
      );
      if (!comparisons) return;
      await timed(`${label}, one frame at a time`, "comparison", 3, () => screenVideo(file, oneAtATime(pool), { frames: 0 }));
      await timed(`${label}, ffmpeg alone (decode at 224×224 + select)`, "comparison", 3, async () => {
        for await (const _ of videoFrames(file));
      });
    };
    await videoRow(15, "1280x720", "ultrafast", "-");
    await videoRow(60, "1280x720", "ultrafast", "-");
    await videoRow(60, "1920x1080", "ultrafast", "< 5 s");
    await videoRow(60, "1920x1080", "veryfast", "< 5 s", true);
    return rows;
  } finally {
    await pool.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
