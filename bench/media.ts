// Media processing, measured on the server-side pipeline functions themselves (no HTTP):
// 9 photos of 12 megapixels (processImage + makePreview, as an upload does) and one
// 60-second 1080p H.264/AAC video (processVideo: remux as uploaded, and transcode when a
// trim forces a re-encode). Time is wall clock; memory is the peak resident set of this
// process (sharp works in it) and of the ffmpeg child processes, sampled every 25 ms.
import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { makePreview, processImage } from "../src/domain/media/image";
import { processVideo } from "../src/domain/media/video";
import { UPLOADS } from "../src/shared/limits";
import { fixtureDir, ffmpegSync } from "../tests/helpers/media";

function childPids(): number[] {
  const pids: number[] = [];
  for (const task of fs.readdirSync("/proc/self/task")) {
    try {
      pids.push(...fs.readFileSync(`/proc/self/task/${task}/children`, "utf8").trim().split(/\s+/).filter(Boolean).map(Number));
    } catch {
      /* the thread ended */
    }
  }
  return pids;
}
function rssOf(pid: number | "self"): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

async function measure<T>(fn: () => Promise<T>) {
  const baseline = rssOf("self");
  let peakSelf = baseline;
  let peakChildren = 0;
  const timer = setInterval(() => {
    peakSelf = Math.max(peakSelf, rssOf("self"));
    peakChildren = Math.max(
      peakChildren,
      childPids().reduce((sum, pid) => sum + rssOf(pid), 0),
    );
  }, 25);
  const started = performance.now();
  try {
    const result = await fn();
    return { result, ms: performance.now() - started, peakSelfMb: peakSelf / 2 ** 20, addedSelfMb: (peakSelf - baseline) / 2 ** 20, peakFfmpegMb: peakChildren / 2 ** 20 };
  } finally {
    clearInterval(timer);
  }
}

const row = (name: string, m: { ms: number; peakSelfMb: number; addedSelfMb: number; peakFfmpegMb: number }, note: string) => ({
  benchmark: name,
  "total s": +(m.ms / 1000).toFixed(2),
  "node peak RSS MB": Math.round(m.peakSelfMb),
  "node RSS added MB": Math.round(m.addedSelfMb),
  "ffmpeg peak RSS MB": Math.round(m.peakFfmpegMb),
  note,
});

export async function benchMedia() {
  const dir = fixtureDir();
  try {
    // A 12 MP photo with texture (noise compresses like a real photo) and GPS EXIF.
    const photo = path.join(dir, "photo.jpg");
    await sharp({ create: { width: 4000, height: 3000, channels: 3, background: "black", noise: { type: "gaussian", mean: 120, sigma: 40 } } })
      .jpeg({ quality: 90 })
      .withExif({ IFD0: { Make: "Bench" }, IFD3: { GPSLatitudeRef: "N", GPSLatitude: "48/1 51/1 24/1" } })
      .toFile(photo);
    const photos = Array.from({ length: 9 }, (_, i) => {
      const p = path.join(dir, `photo-${i}.jpg`);
      fs.copyFileSync(photo, p);
      return p;
    });
    const photoMb = fs.statSync(photo).size / 2 ** 20;
    const rows: ReturnType<typeof row>[] = [];
    // Each figure is printed as soon as it is known (the video ones take minutes on a busy machine).
    const report = (r: ReturnType<typeof row>) => {
      rows.push(r);
      console.log(JSON.stringify(r));
    };

    const images = await measure(async () => {
      for (const [i, p] of photos.entries()) {
        const work = path.join(dir, `img-${i}`);
        await fsp.mkdir(work);
        const image = await processImage(p, work);
        await makePreview(image.file);
      }
    });
    report(row("9 photos, 12 MP JPEG (process + thumbnail + placeholder)", images, `${photoMb.toFixed(1)} MB each, sequential; ${(images.ms / 9 / 1000).toFixed(2)} s a photo`));

    const video = path.join(dir, "video.mp4");
    ffmpegSync([
      "-f",
      "lavfi",
      "-i",
      "testsrc=size=1920x1080:rate=30:duration=60",
      "-f",
      "lavfi",
      "-i",
      "sine=frequency=440:duration=60",
      "-c:v",
      "libx264",
      "-preset",
      "ultrafast",
      "-pix_fmt",
      "yuv420p",
      "-c:a",
      "aac",
      "-shortest",
      video,
    ]);
    const videoMb = fs.statSync(video).size / 2 ** 20;
    await fsp.mkdir(path.join(dir, "v1"));
    const remux = await measure(() => processVideo(video, path.join(dir, "v1")));
    report(row("60 s 1080p H.264/AAC video, as uploaded", remux, `${videoMb.toFixed(0)} MB; ${remux.result.method} + poster`));
    await fsp.mkdir(path.join(dir, "v2"));
    const transcode = await measure(() => processVideo(video, path.join(dir, "v2"), { trimStartMs: 1000 }));
    report(row("60 s 1080p video trimmed from 1 s", transcode, `${transcode.result.method} (libx264 ${UPLOADS.videoPreset}, at most ${UPLOADS.maxVideoEdge} px) + poster`));
    return rows;
  } finally {
    await fsp.rm(dir, { recursive: true, force: true });
  }
}
