// Starts the nudity classifier this process uses and registers it for the domain.
//   MURMUR_CLASSIFIER=model (default)  the real model (nsfwjs MobileNetV2Mid) in worker threads
//   MURMUR_CLASSIFIER=fixture          TEST-ONLY: scores by average colour (fixture-classifier.ts)
//   MURMUR_CLASSIFIER_WORKERS          worker threads for the model (default 1; each holds ~200 MB)
import path from "node:path";
import { registerClassifier } from "@/domain/safety/classifier";
import { fixtureClassifier } from "@/domain/safety/fixture-classifier";
import { NUDITY } from "@/shared/limits";
import { startClassifierPool } from "./classifier-pool";

export const classifierWorkerPath = () => path.join(/* turbopackIgnore: true */ process.cwd(), "workers", "classify.worker.mjs");

export function startNudityClassifier(env: NodeJS.ProcessEnv = process.env): { stop(): Promise<void> } {
  const kind = env.MURMUR_CLASSIFIER ?? "model";
  if (kind === "fixture") {
    console.warn("MURMUR_CLASSIFIER=fixture: the TEST-ONLY colour classifier is screening visuals, not the real model");
    registerClassifier(fixtureClassifier);
    return { stop: async () => registerClassifier(undefined) };
  }
  if (kind !== "model") throw new Error(`MURMUR_CLASSIFIER must be "model" or "fixture", not "${kind}"`);
  const size = Math.max(1, Number(env.MURMUR_CLASSIFIER_WORKERS ?? 1) || 1);
  const pool = startClassifierPool({ workerPath: classifierWorkerPath(), size, jobTimeoutMs: NUDITY.classifyTimeoutMs });
  pool.ready().then(
    ({ loadMs, simd }) => console.log(`nudity classifier ready (${size} worker${size > 1 ? "s" : ""}, wasm${simd ? " SIMD" : ""}, model loaded in ${loadMs} ms)`),
    (e) => console.error("nudity classifier failed to start; visuals that need screening are refused", e),
  );
  registerClassifier(pool);
  return {
    stop: async () => {
      registerClassifier(undefined);
      await pool.close();
    },
  };
}
