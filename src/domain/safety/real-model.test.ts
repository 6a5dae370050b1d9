// The real model (nsfwjs MobileNetV2Mid in a worker thread, WebAssembly backend) on safe
// images: ordinary photos, a face, skin-coloured objects and drawn shapes. None may be blocked.
import fs from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startClassifierPool, type ClassifierPool } from "@/server/classifier-pool";
import { NUDITY } from "@/shared/limits";
import { classifyVisual } from "./screen";
import { isBlocked } from "./scores";

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
