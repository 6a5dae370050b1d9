// The real model (nsfwjs MobileNetV2Mid in a worker thread, WebAssembly backend) on safe
// images: ordinary photos, a face, skin-coloured objects and drawn shapes. None may be blocked.
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { load } from "nsfwjs/core";
import { MobileNetV2MidModel } from "nsfwjs/models/mobilenet_v2_mid";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startClassifierPool, type ClassifierPool } from "@/server/classifier-pool";
import { NUDITY } from "@/shared/limits";
import { imagePixels } from "./pixels";
import { classifyVisual } from "./screen";
import { isBlocked, type NudityScores } from "./scores";

const root = path.resolve(import.meta.dirname, "../../..");
const photosDir = path.join(root, "tests/fixtures/safe");
const photos = fs.readdirSync(photosDir).filter((f) => f.endsWith(".jpg"));

const SKIN_TONES = ["#f6d7c3", "#e8b796", "#c68863", "#a0673f", "#6b4226", "#3d2314"];

/** Generated skin-coloured images: a gradient across skin tones, and a drawn face on each tone. */
async function generatedImages(): Promise<[string, Buffer][]> {
  const stops = SKIN_TONES.map((c, i) => `<stop offset="${i / (SKIN_TONES.length - 1)}" stop-color="${c}"/>`).join("");
  const gradient = `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="320"><defs><linearGradient id="g">${stops}</linearGradient></defs><rect width="320" height="320" fill="url(#g)"/></svg>`;
  const face = (tone: string) =>
    `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="320"><rect width="320" height="320" fill="#9cc7e8"/>` +
    `<ellipse cx="160" cy="170" rx="95" ry="120" fill="${tone}"/><circle cx="125" cy="145" r="10" fill="#222"/><circle cx="195" cy="145" r="10" fill="#222"/>` +
    `<path d="M120 215 Q160 245 200 215" stroke="#7a3b2e" stroke-width="8" fill="none"/><path d="M65 120 Q160 20 255 120 L255 90 Q160 -10 65 90 Z" fill="#3b2a1e"/></svg>`;
  const images: [string, Buffer][] = [["skin-tone gradient", await sharp(Buffer.from(gradient)).png().toBuffer()]];
  for (const tone of SKIN_TONES) {
    images.push([
      `drawn face ${tone}`,
      await sharp(Buffer.from(face(tone)))
        .png()
        .toBuffer(),
    ]);
    images.push([
      `flat skin tone ${tone}`,
      await sharp({ create: { width: 200, height: 200, channels: 3, background: tone } })
        .png()
        .toBuffer(),
    ]);
  }
  return images;
}

let pool: ClassifierPool;
beforeAll(async () => {
  pool = startClassifierPool({ workerPath: path.join(root, "workers/classify.worker.mjs"), size: 1, jobTimeoutMs: NUDITY.classifyTimeoutMs });
  await pool.ready();
}, 60_000);
afterAll(() => pool?.close());

describe("the real nudity model on safe images", () => {
  it("has a handful of real photos to look at", () => {
    expect(photos.length).toBeGreaterThanOrEqual(5);
  });

  it.each(photos)("does not block the photo %s", async (file) => {
    const scores = await classifyVisual({ kind: "image", file: path.join(photosDir, file) }, { classifier: pool });
    expect(scores.neutral + scores.drawing + scores.sexy + scores.porn + scores.hentai).toBeCloseTo(1, 3);
    expect(isBlocked(scores), JSON.stringify(scores)).toBe(false);
  });

  it("does not block skin-coloured gradients, flat skin tones or drawn faces", async () => {
    for (const [name, file] of await generatedImages()) {
      const scores = await classifyVisual({ kind: "image", file }, { classifier: pool });
      expect(isBlocked(scores), `${name}: ${JSON.stringify(scores)}`).toBe(false);
    }
  });
});

describe("the real model in batches", () => {
  const CLASS_KEYS: Record<string, keyof NudityScores> = { Drawing: "drawing", Hentai: "hentai", Neutral: "neutral", Porn: "porn", Sexy: "sexy" };

  /** nsfwjs's own classify(), one image at a time, in this process: the scores a batch must reproduce. */
  async function nsfwjsScores(frames: Uint8Array[]): Promise<NudityScores[]> {
    await tf.setBackend("wasm");
    const model = await load("MobileNetV2Mid", { modelDefinitions: [MobileNetV2MidModel] });
    try {
      const all: NudityScores[] = [];
      for (const frame of frames) {
        const input = tf.tensor3d(Int32Array.from(frame), [224, 224, 3], "int32");
        const predictions = await model.classify(input, 5);
        input.dispose();
        const scores = { drawing: 0, hentai: 0, neutral: 0, porn: 0, sexy: 0 };
        for (const { className, probability } of predictions) scores[CLASS_KEYS[className]] = probability;
        all.push(scores);
      }
      return all;
    } finally {
      model.dispose();
    }
  }

  it("scores frames run through the model together as nsfwjs scores each alone (within 1e-4)", async () => {
    const images = [...photos.map((f) => path.join(photosDir, f)), ...(await generatedImages()).map(([, file]) => file)].slice(0, 10);
    const frames = await Promise.all(images.map((file) => imagePixels(file)));
    const batched = await pool.classify(frames);
    const single = await nsfwjsScores(frames);
    expect(batched).toHaveLength(frames.length);
    // The frames differ, and so do their scores: a batch answering the same scores for all would fail here.
    expect(new Set(batched.map((s) => s.neutral.toFixed(4))).size).toBeGreaterThan(1);
    for (let i = 0; i < frames.length; i++) {
      for (const key of Object.values(CLASS_KEYS)) expect(Math.abs(batched[i][key] - single[i][key]), `${images[i]} ${key}`).toBeLessThan(1e-4);
    }
  }, 60_000);
});
