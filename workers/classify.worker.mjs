// The nudity classifier's worker thread: nsfwjs's MobileNetV2Mid model on TensorFlow.js's
// WebAssembly backend, loaded from node_modules (no network). It lives outside src/ so that
// neither Turbopack nor esbuild bundles it: tfjs must find its .wasm files next to its code.
//
// Protocol (see src/server/classifier-pool.ts):
//   → {id, pixels: Uint8Array}   a batch of 224×224 RGB images, 3 bytes a pixel, row by row, one after another
//   ← {type: "ready", backend, simd, threads, loadMs}   once, after the model has loaded
//   ← {id, scores: [{drawing, hentai, neutral, porn, sexy}, …]} (one per image, in order) | {id, error: string}
import { parentPort } from "node:worker_threads";
import * as tf from "@tensorflow/tfjs";
import { getThreadsCount } from "@tensorflow/tfjs-backend-wasm";
import { load } from "nsfwjs/core";
import { MobileNetV2MidModel } from "nsfwjs/models/mobilenet_v2_mid";

const SIZE = 224;
const FRAME_BYTES = SIZE * SIZE * 3;
// The model's outputs, in nsfwjs's order (nsfwjs/core's NSFW_CLASSES).
const CLASS_KEYS = ["drawing", "hentai", "neutral", "porn", "sexy"];

const started = performance.now();
await tf.setBackend("wasm");
await tf.ready();
// Without its .wasm tfjs silently falls back to the pure-JS backend, 30× slower: refuse to run.
if (tf.getBackend() !== "wasm") throw new Error(`classifier backend is ${tf.getBackend()}, expected wasm`);
// The SIMD build is about 3× faster than the plain one (50 against 160 ms of CPU a frame):
// refuse to run on a runtime that would load the plain one. The threaded build cannot help:
// tfjs turns it off under Node, and forced on it cannot start its pthreads (blob: worker
// URLs); the pool's worker threads are the way to use more cores.
const simd = await tf.env().getAsync("WASM_HAS_SIMD_SUPPORT");
if (!simd) throw new Error("classifier: WebAssembly SIMD is not available, refusing the 3× slower plain build");
tf.enableProdMode();
const model = await load("MobileNetV2Mid", { modelDefinitions: [MobileNetV2MidModel] });

/**
 * Scores a batch in one run of the model. The same computation as nsfwjs's classify() (its
 * infer(): pixels as floats / 255, then the model, whose outputs are the probabilities),
 * with the images stacked on the batch axis instead of one at a time.
 */
async function classifyBatch(pixels) {
  if (!(pixels instanceof Uint8Array) || pixels.length === 0 || pixels.length % FRAME_BYTES !== 0) {
    throw new Error(`expected a multiple of ${SIZE}×${SIZE}×3 bytes, got ${pixels?.length}`);
  }
  const count = pixels.length / FRAME_BYTES;
  const output = tf.tidy(() => {
    const input = tf.tensor4d(Int32Array.from(pixels), [count, SIZE, SIZE, 3], "int32");
    return model.model.predict(input.toFloat().div(model.normalizationOffset));
  });
  try {
    const probabilities = await output.data();
    return Array.from({ length: count }, (_, i) => Object.fromEntries(CLASS_KEYS.map((key, k) => [key, probabilities[i * CLASS_KEYS.length + k]])));
  } finally {
    output.dispose();
  }
}

parentPort.on("message", async ({ id, pixels }) => {
  try {
    parentPort.postMessage({ id, scores: await classifyBatch(pixels) });
  } catch (e) {
    parentPort.postMessage({ id, error: String(e?.message ?? e) });
  }
});

parentPort.postMessage({ type: "ready", backend: tf.getBackend(), simd, threads: getThreadsCount(), loadMs: Math.round(performance.now() - started) });
