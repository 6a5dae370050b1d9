// Each node's webhook worker: a sweep every WEBHOOKS.sweepMs (MURMUR_WEBHOOK_SWEEP_MS), at
// once when this node queued something, and again right away while a sweep found a full batch.
import type { Db } from "@/db/client";
import { WEBHOOKS } from "@/shared/limits";
import { deliverDue, sweepOldDeliveries } from "./deliver";
import { onWebhookQueued } from "./queue";

export function startWebhookWorker(db: Db, intervalMs = Number(process.env.MURMUR_WEBHOOK_SWEEP_MS ?? WEBHOOKS.sweepMs)): () => void {
  let running = false;
  let again = false;
  let stopped = false;
  let lastCleanup = 0;
  const run = async () => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    try {
      do {
        again = false;
        if ((await deliverDue(db)) > 0) again = true;
      } while (again && !stopped);
      if (Date.now() - lastCleanup > 60 * 60_000) {
        lastCleanup = Date.now();
        await sweepOldDeliveries(db);
      }
    } catch (e) {
      console.error("webhook delivery failed", e);
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void run(), intervalMs);
  timer.unref();
  onWebhookQueued(() => void run());
  return () => {
    stopped = true;
    clearInterval(timer);
    onWebhookQueued(undefined);
  };
}
