// The nudity classifier's worker thread: nsfwjs's MobileNetV2Mid model on TensorFlow.js's
// WebAssembly backend, loaded from node_modules (no network). It lives outside src/ so that
// neither Turbopack nor esbuild bundles it: tfjs must find its .wasm files next to its code.
//
// Protocol (see src/domain/safety/worker-pool.ts):
//   → {id, pixels: Uint8Array}   one 224×224 RGB image, 3 bytes a pixel, row by row
//   ← {type: "ready", backend, loadMs}   once, after the model has loaded
//   ← {id, scores: {drawing, hentai, neutral, porn, sexy}} | {id, error: string}
import { parentPort } from "node:worker_threads";
import * as tf from "@tensorflow/tfjs";
import "@tensorflow/tfjs-backend-wasm";
import { load } from "nsfwjs/core";
import { MobileNetV2MidModel } from "nsfwjs/models/mobilenet_v2_mid";

const SIZE = 224;
const CLASS_KEYS = { Drawing: "drawing", Hentai: "hentai", Neutral: "neutral", Porn: "porn", Sexy: "sexy" };

const started = performance.now();
await tf.setBackend("wasm");
await tf.ready();
// Without its .wasm tfjs silently falls back to the pure-JS backend, 30× slower: refuse to run.
if (tf.getBackend() !== "wasm") throw new Error(`classifier backend is ${tf.getBackend()}, expected wasm`);
tf.enableProdMode();
const model = await load("MobileNetV2Mid", { modelDefinitions: [MobileNetV2MidModel] });

function classify(pixels) {
  if (!(pixels instanceof Uint8Array) || pixels.length !== SIZE * SIZE * 3) {
    throw new Error(`expected ${SIZE}×${SIZE}×3 bytes, got ${pixels?.length}`);
  }
  const input = tf.tensor3d(Int32Array.from(pixels), [SIZE, SIZE, 3], "int32");
  try {
    return model.classify(input, 5);
  } finally {
    input.dispose();
  }
}

parentPort.on("message", async ({ id, pixels }) => {
  try {
    const predictions = await classify(pixels);
    const scores = { drawing: 0, hentai: 0, neutral: 0, porn: 0, sexy: 0 };
    for (const { className, probability } of predictions) scores[CLASS_KEYS[className]] = probability;
    parentPort.postMessage({ id, scores });
  } catch (e) {
    parentPort.postMessage({ id, error: String(e?.message ?? e) });
  }
});

parentPort.postMessage({ type: "ready", backend: tf.getBackend(), loadMs: Math.round(performance.now() - started) });
