// The message rate limit: about RATE_LIMIT.messagesPerWindow per RATE_LIMIT.windowMs per
// user, counted in the database (RateLimitWindow) so that every node shares it.
// A fixed window: one atomic upsert per attempt, just before the message's transaction
// (see AppendOptions.before for why not inside it). A retried send (same clientId) that
// returns the original never reaches it; a refused attempt counts.
import { DomainError } from "@/domain/errors";
import { RATE_LIMIT } from "@/shared/limits";
import type { Db } from "@/db/client";
import type { Tx } from "./append";

export interface RateLimitRule {
  prefix: string;
  limit: number;
  windowMs: number;
}

export const MESSAGE_RATE: RateLimitRule = { prefix: "msg", limit: RATE_LIMIT.messagesPerWindow, windowMs: RATE_LIMIT.windowMs };

/** Counts one action for `subject`; throws RATE_LIMITED (with retryAfter in seconds) over the limit. */
export async function consumeRate(tx: Db | Tx, subject: string, rule: RateLimitRule = MESSAGE_RATE, now: number = Date.now()): Promise<void> {
  const windowStart = Math.floor(now / rule.windowMs) * rule.windowMs;
  const windowEnd = windowStart + rule.windowMs;
  const key = `${rule.prefix}:${subject}:${windowStart}`;
  // One statement on both databases (INSERT … ON CONFLICT DO UPDATE).
  const { count } = await tx.rateLimitWindow.upsert({
    where: { key },
    create: { key, count: 1, expiresAt: new Date(windowEnd) },
    update: { count: { increment: 1 } },
    select: { count: true },
  });
  if (count > rule.limit) {
    throw new DomainError("RATE_LIMITED", "Too many messages", { retryAfter: Math.max(1, Math.ceil((windowEnd - now) / 1000)) });
  }
}

let lastSweep = 0;
/** Deletes expired windows now and then (at most once a minute per process); best effort. */
export function sweepRateWindows(db: { rateLimitWindow: { deleteMany(args: { where: { expiresAt: { lt: Date } } }): Promise<unknown> } }, now = Date.now()): void {
  if (now - lastSweep < 60_000) return;
  lastSweep = now;
  db.rateLimitWindow.deleteMany({ where: { expiresAt: { lt: new Date(now - 60_000) } } }).catch(() => {});
}
