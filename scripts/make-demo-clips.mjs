// Makes the demo data's short video posts (public/demo/posts/*.mp4 and their poster
// frames) with the ffmpeg from @ffmpeg-installer/ffmpeg (FFMPEG_PATH overrides it).
// The outputs are committed, so a start needs no ffmpeg; run this only to change them:
//   node scripts/make-demo-clips.mjs
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import ffmpegInstaller from "@ffmpeg-installer/ffmpeg";

const run = promisify(execFile);
const ffmpeg = process.env.FFMPEG_PATH || ffmpegInstaller.path;
const outDir = path.resolve(import.meta.dirname, "../public/demo/posts");
const MAX_BYTES = 300 * 1024;

// Vertical 360x640 clips, 6 s at 24 fps, silent: generated patterns tinted per clip.
const CLIPS = [
  { name: "pulse", source: "mandelbrot=size=360x640:rate=24:start_scale=3:end_scale=1", hue: "h=t*40" },
  { name: "spiral", source: "mandelbrot=size=360x640:rate=24:start_x=-0.743643887037151:start_y=0.13182590420533:start_scale=2:end_scale=0.5", hue: "h=180+t*30" },
];

fs.mkdirSync(outDir, { recursive: true });
for (const clip of CLIPS) {
  const video = path.join(outDir, `${clip.name}.mp4`);
  const poster = path.join(outDir, `${clip.name}.jpg`);
  const filters = [clip.hue ? `hue=${clip.hue}` : null, "format=yuv420p"].filter(Boolean).join(",");
  const encode = ["-y", "-f", "lavfi", "-i", clip.source, "-t", "6", "-vf", filters, "-c:v", "libx264", "-preset", "veryslow", "-crf", "36", "-r", "24", "-movflags", "+faststart", "-an", video];
  await run(ffmpeg, encode, { timeout: 120_000 });
  await run(ffmpeg, ["-y", "-ss", "1.5", "-i", video, "-frames:v", "1", "-q:v", "6", poster], { timeout: 30_000 });
  const bytes = fs.statSync(video).size;
  if (bytes > MAX_BYTES) throw new Error(`${clip.name}.mp4 is ${bytes} bytes, more than ${MAX_BYTES}`);
  console.log(`${clip.name}.mp4 ${Math.round(bytes / 1024)} KB, ${clip.name}.jpg ${Math.round(fs.statSync(poster).size / 1024)} KB`);
}
