// Delivering the queue: claim what is due (a conditional update, so several nodes share the
// queue and each delivery is tried by one at a time), POST it signed, and on failure try
// again with growing waits for WEBHOOKS.retryForMs; a hook whose delivery fails for all that
// time is turned off, and what it still had queued is given up on.
import http from "node:http";
import https from "node:https";
import net from "node:net";
import type { Db } from "@/db/client";
import { WEBHOOKS } from "@/shared/limits";
import { forgetHookUsers } from "./subscribers";
import { signedHeaders } from "./signing";
import { guardedLookup, isPublicAddress, privateTargetsAllowed } from "./target-guard";

const BATCH = 20;
/** Tests shrink the waits (e.g. 0.001): an operator leaves it at 1. */
const scale = () => Number(process.env.MURMUR_WEBHOOK_RETRY_SCALE ?? 1) || 1;

export interface AttemptResult {
  ok: boolean;
  status: number | null;
  error: string | null;
}

/** One POST: 2xx is received; a redirect is not followed (it counts as a failure). */
export function postDelivery(url: string, secret: string, id: string, body: string, now: Date): Promise<AttemptResult> {
  const target = new URL(url);
  const host = target.hostname.replace(/^\[|\]$/g, "");
  if (net.isIP(host) && !privateTargetsAllowed() && !isPublicAddress(host)) return Promise.resolve({ ok: false, status: null, error: "private address" });
  const request = target.protocol === "https:" ? https.request : http.request;
  return new Promise((resolve) => {
    const req = request(
      target,
      {
        method: "POST",
        lookup: guardedLookup,
        timeout: WEBHOOKS.timeoutMs,
        headers: { "content-type": "application/json", "user-agent": "Murmur-Webhooks/1", "content-length": Buffer.byteLength(body), ...signedHeaders(secret, id, body, now) },
      },
      (res) => {
        res.resume(); // the answer's body is not read
        const status = res.statusCode ?? 0;
        resolve({ ok: status >= 200 && status < 300, status, error: status >= 200 && status < 300 ? null : `HTTP ${status}` });
      },
    );
    req.on("timeout", () => req.destroy(new Error("timed out")));
    req.on("error", (e: NodeJS.ErrnoException) => resolve({ ok: false, status: null, error: e.code === "EPRIVATE" ? "private address" : e.message.slice(0, 200) }));
    req.end(body);
  });
}

/** The wait after the n-th failed attempt (1-based). */
export const retryDelayMs = (attempts: number) => WEBHOOKS.retryDelaysMs[Math.min(attempts - 1, WEBHOOKS.retryDelaysMs.length - 1)] * scale();

/** Delivers what is due now; returns how many attempts were made. */
export async function deliverDue(db: Db, now = new Date()): Promise<number> {
  const due = await db.webhookDelivery.findMany({
    where: { status: "pending", nextAttemptAt: { lte: now }, OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
    orderBy: { nextAttemptAt: "asc" },
    take: BATCH,
    select: { id: true },
  });
  const results = await Promise.all(due.map((d) => attempt(db, d.id, now)));
  return results.filter(Boolean).length;
}

async function attempt(db: Db, id: string, now: Date): Promise<boolean> {
  const claimed = await db.webhookDelivery.updateMany({
    where: { id, status: "pending", OR: [{ lockedUntil: null }, { lockedUntil: { lt: now } }] },
    data: { lockedUntil: new Date(now.getTime() + WEBHOOKS.claimMs) },
  });
  if (claimed.count !== 1) return false; // another node has it
  const delivery = await db.webhookDelivery.findUnique({ where: { id }, include: { webhook: true } });
  if (!delivery) return false;
  if (delivery.webhook.disabledAt) {
    await db.webhookDelivery.update({ where: { id }, data: { status: "failed", lastError: "webhook turned off", lockedUntil: null } });
    return false;
  }
  const result = await postDelivery(delivery.webhook.url, delivery.webhook.secret, id, delivery.payload, new Date());
  const attempts = delivery.attempts + 1;
  if (result.ok) {
    await db.webhookDelivery.update({ where: { id }, data: { status: "delivered", attempts, lastStatus: result.status, lastError: null, deliveredAt: new Date(), lockedUntil: null } });
    return true;
  }
  const next = new Date(Date.now() + retryDelayMs(attempts));
  const givenUp = next.getTime() - delivery.createdAt.getTime() > WEBHOOKS.retryForMs * scale();
  await db.webhookDelivery.update({
    where: { id },
    data: { status: givenUp ? "failed" : "pending", attempts, lastStatus: result.status, lastError: result.error, nextAttemptAt: next, lockedUntil: null },
  });
  if (givenUp) await turnOff(db, delivery.webhookId);
  return true;
}

/** Failing for the whole retry period: the hook is off until its user turns it on again. */
async function turnOff(db: Db, webhookId: string): Promise<void> {
  const now = new Date();
  await db.webhook.updateMany({ where: { id: webhookId, disabledAt: null }, data: { disabledAt: now, disabledReason: "failing" } });
  await db.webhookDelivery.updateMany({ where: { webhookId, status: "pending" }, data: { status: "failed", lastError: "webhook turned off" } });
  forgetHookUsers();
}

/** Ended deliveries are kept for the log a while, then dropped. */
export async function sweepOldDeliveries(db: Db, now = Date.now()): Promise<void> {
  await db.webhookDelivery.deleteMany({ where: { status: { not: "pending" }, createdAt: { lt: new Date(now - WEBHOOKS.keepDeliveriesMs) } } });
}
