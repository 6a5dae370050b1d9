// Media fixtures made on the fly (nothing big is committed): photos with sharp,
// audio and video with the same ffmpeg the server uses.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import zlib from "node:zlib";
import sharp from "sharp";
import { ffmpegPath, ffprobePath } from "@/domain/media/ffmpeg";

export const fixtureDir = () => fs.mkdtempSync(path.join(os.tmpdir(), "murmur-fixtures-"));

export function ffmpegSync(args: string[]): Buffer {
  return execFileSync(ffmpegPath(), ["-hide_banner", "-v", "error", "-y", ...args], { maxBuffer: 256 * 1024 * 1024 });
}

/** What a header-reading tool (ffprobe's format=duration) says about a file's length, in seconds. */
export function headerDurationSeconds(file: string): number | null {
  const out = execFileSync(ffprobePath(), ["-v", "error", "-show_entries", "format=duration", "-of", "default=nw=1:nk=1", file]).toString().trim();
  const n = Number(out);
  return Number.isFinite(n) ? n : null;
}

export function probeJson(file: string): { streams: any[]; format: any } {
  return JSON.parse(execFileSync(ffprobePath(), ["-v", "error", "-show_format", "-show_streams", "-of", "json", file]).toString());
}

/** A JPEG photo with GPS coordinates and a camera model in its EXIF. */
export async function jpegWithGps(width = 640, height = 480): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 120, b: 40 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: "MurmurCam", Model: "Spy 3000", Copyright: "secret-owner" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "48/1 51/1 24/1", GPSLongitudeRef: "E", GPSLongitude: "2/1 21/1 3/1" },
    })
    .toBuffer();
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(zlib.crc32(body));
  return Buffer.concat([length, body, crc]);
}

/**
 * A real decompression bomb: a valid greyscale PNG of 16000×16000 black pixels (256 MB
 * decoded) in a few hundred KB. Built row by row so the test itself never holds 256 MB.
 */
export async function bombPng(side = 16000): Promise<Buffer> {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr.set([8, 0, 0, 0, 0], 8); // 8-bit greyscale, no interlace
  const deflate = zlib.createDeflate({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on("data", (c: Buffer) => parts.push(c));
  const done = new Promise((resolve) => deflate.on("end", resolve));
  const row = Buffer.alloc(side + 1); // filter byte 0 + pixels
  for (let y = 0; y < side; y++) {
    if (!deflate.write(row)) await new Promise((r) => deflate.once("drain", r));
  }
  deflate.end();
  await done;
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, pngChunk("IHDR", ihdr), pngChunk("IDAT", Buffer.concat(parts)), pngChunk("IEND", Buffer.alloc(0))]);
}

export const pngImage = (width = 300, height = 200) =>
  sharp({ create: { width, height, channels: 4, background: { r: 10, g: 200, b: 90, alpha: 0.5 } } })
    .png()
    .toBuffer();

/** Seconds of a sine tone as audio (codec and container chosen by the caller's args). */
export function tone(file: string, seconds: number, codecArgs: string[]): string {
  ffmpegSync(["-f", "lavfi", "-i", `sine=frequency=440:sample_rate=48000:duration=${seconds}`, ...codecArgs, file]);
  return file;
}

export const opusWebm = (file: string, seconds: number) => tone(file, seconds, ["-c:a", "libopus", "-b:a", "24k", "-f", "webm"]);

/** Overwrites the WebM Segment Info's Duration (EBML id 0x4489, an 8-byte float in ms) with a lie. */
export function lieAboutWebmDuration(file: string, claimedMs: number): void {
  const buf = fs.readFileSync(file);
  const at = buf.indexOf(Buffer.from([0x44, 0x89, 0x88]));
  if (at < 0) throw new Error("no 8-byte Duration element found");
  buf.writeDoubleBE(claimedMs, at + 3);
  fs.writeFileSync(file, buf);
}

/** A WebM written to a pipe, as MediaRecorder streams it: no Duration in the header. */
export function streamedOpusWebm(file: string, seconds: number): string {
  const out = ffmpegSync(["-f", "lavfi", "-i", `sine=frequency=300:sample_rate=48000:duration=${seconds}`, "-c:a", "libopus", "-b:a", "24k", "-f", "webm", "pipe:1"]);
  fs.writeFileSync(file, out);
  return file;
}

/** A short test-pattern video with a tone (H.264/AAC MP4 unless args say otherwise). */
export function testVideo(file: string, seconds: number, { size = "320x240", args = ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac"] } = {}): string {
  ffmpegSync([
    "-f",
    "lavfi",
    "-i",
    `testsrc=size=${size}:rate=15:duration=${seconds}`,
    "-f",
    "lavfi",
    "-i",
    `sine=frequency=500:duration=${seconds}`,
    "-shortest",
    "-metadata",
    "location=+48.8577+002.2950/",
    "-metadata",
    "title=secret title",
    ...args,
    file,
  ]);
  return file;
}

/** An animated GIF or WebP, one frame per colour (each shown `delayMs`), as phones and GIF keyboards send them. */
export async function animation(format: "gif" | "webp", colours: readonly string[], { width = 160, height = 120, delayMs = 200 } = {}): Promise<Buffer> {
  const frames = await Promise.all(
    colours.map((background) =>
      sharp({ create: { width, height, channels: 3, background } })
        .png()
        .toBuffer(),
    ),
  );
  const joined = sharp(frames, { join: { animated: true } });
  return (format === "gif" ? joined.gif({ delay: delayMs, loop: 0 }) : joined.webp({ delay: delayMs, loop: 0, quality: 80 })).toBuffer();
}

/** Colour segments [ffmpeg colour, seconds] joined into one 320×240 15 fps H.264 MP4 (or VP8 WebM), written to `file`. */
export function colourVideo(file: string, segments: readonly [string, number][], { webm = false } = {}): string {
  const inputs = segments.flatMap(([c, d]) => ["-f", "lavfi", "-i", `color=c=${c}:s=320x240:r=15:d=${d}`]);
  const codec = webm ? ["-c:v", "libvpx", "-b:v", "200k", "-f", "webm"] : ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-f", "mp4"];
  ffmpegSync([...inputs, "-filter_complex", `${segments.map((_, i) => `[${i}:v]`).join("")}concat=n=${segments.length}:v=1:a=0`, ...codec, file]);
  return file;
}

/**
 * A 12 MP (4032×3024) JPEG that weighs what a phone's does (~5 MB): gradients under
 * noise, different for each seed. `orientation` adds the EXIF tag (6: shown turned a
 * quarter clockwise, 3024×4032), as a phone held upright writes it.
 */
export async function phonePhoto(seed: number, { orientation }: { orientation?: number } = {}): Promise<Buffer> {
  const width = 4032;
  const height = 3024;
  const raw = Buffer.alloc(width * height * 3);
  let state = (seed * 2654435761 + 1) >>> 0;
  const tint = (seed * 47) % 80;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      state = (state * 1103515245 + 12345) >>> 0;
      const noise = (((state >>> 16) & 255) * 40) / 255 - 20;
      const i = (y * width + x) * 3;
      raw[i] = Math.max(0, Math.min(255, 40 + tint + (150 * x) / width + noise));
      raw[i + 1] = Math.max(0, Math.min(255, 40 + (160 * y) / height + noise));
      raw[i + 2] = Math.max(0, Math.min(255, 200 - tint - (120 * (x + y)) / (width + height) + noise));
    }
  }
  const image = sharp(raw, { raw: { width, height, channels: 3 } });
  return (orientation ? image.withMetadata({ orientation }) : image).jpeg({ quality: 92 }).toBuffer();
}
