// The message rate limit: about RATE_LIMIT.messagesPerWindow per RATE_LIMIT.windowMs per
// user, counted in the database (RateLimitWindow) so that every node shares it. A fixed
// window; a refused attempt counts, a retried send (same clientId) that returns the
// original does not. Batched messages are counted inside their batch (batch-plan.ts);
// consumeRate counts a conversation's first message just before the start's transaction,
// not inside it: on SQLite every request shares one connection, and a transaction that rolls back
// also undoes writes other requests made while it was open (STACK-NOTES).
import { DomainError, type RateLimitState } from "@/domain/errors";
import { RATE_LIMIT } from "@/shared/limits";
import type { Db } from "@/db/client";
import type { Tx } from "./message-record";

export interface RateLimitRule {
  prefix: string;
  limit: number;
  windowMs: number;
}

/** An operator may raise (or lower) the per-user allowance, e.g. for a load test: MESSAGE_RATE_LIMIT messages per window. */
const configuredLimit = Number(process.env.MESSAGE_RATE_LIMIT);
export const MESSAGE_RATE: RateLimitRule = {
  prefix: "msg",
  limit: Number.isInteger(configuredLimit) && configuredLimit > 0 ? configuredLimit : RATE_LIMIT.messagesPerWindow,
  windowMs: RATE_LIMIT.windowMs,
};

/** Bots' own tier: BOT_MESSAGE_RATE_LIMIT messages per window (default RATE_LIMIT.botMessagesPerWindow, 150 per 10 s: an echo bot at 10 msg/s). */
const configuredBotLimit = Number(process.env.BOT_MESSAGE_RATE_LIMIT);
export const BOT_MESSAGE_RATE: RateLimitRule = {
  prefix: "msg",
  limit: Number.isInteger(configuredBotLimit) && configuredBotLimit > 0 ? configuredBotLimit : RATE_LIMIT.botMessagesPerWindow,
  windowMs: RATE_LIMIT.windowMs,
};

export const messageRateOf = (sender: { isBot: boolean }): RateLimitRule => (sender.isBot ? BOT_MESSAGE_RATE : MESSAGE_RATE);

// Whether an account is a bot never changes (it is made one), so it is cached per process.
const registry = globalThis as unknown as { __murmurBotFlags?: Map<string, boolean> };
const botFlags = (registry.__murmurBotFlags ??= new Map());

/** The message rate rule of a sender (a bot's tier, or everyone's), for paths that have not loaded the sender. */
export async function messageRateFor(db: Db, senderId: string): Promise<RateLimitRule> {
  let isBot = botFlags.get(senderId);
  if (isBot === undefined) {
    const user = await db.user.findUnique({ where: { id: senderId }, select: { isBot: true } });
    isBot = user?.isBot ?? false;
    if (botFlags.size > 100_000) botFlags.clear();
    botFlags.set(senderId, isBot);
  }
  return messageRateOf({ isBot });
}

/** The fixed window `now` falls in, for `subject`: its row's key and when it ends. */
export function rateWindow(rule: RateLimitRule, subject: string, now: number): { key: string; end: number } {
  const start = Math.floor(now / rule.windowMs) * rule.windowMs;
  return { key: `${rule.prefix}:${subject}:${start}`, end: start + rule.windowMs };
}

/** The rule's state for the RateLimit header fields: `used` actions counted in the window that ends at `windowEnd`. */
export const rateState = (rule: RateLimitRule, used: number, windowEnd: number, now: number): RateLimitState => ({
  limit: rule.limit,
  remaining: Math.max(0, rule.limit - used),
  reset: Math.max(1, Math.ceil((windowEnd - now) / 1000)),
  policy: RATE_POLICY_NAMES[rule.prefix] ?? rule.prefix,
  window: rule.windowMs / 1000,
});
const RATE_POLICY_NAMES: Record<string, string> = { msg: "messages" };

/** RATE_LIMITED, with the seconds until the window ends (and the limit's state for the headers). */
export const rateLimitedError = (windowEnd: number, now: number, rule: RateLimitRule = MESSAGE_RATE) => {
  const rateLimit = rateState(rule, rule.limit, windowEnd, now);
  return new DomainError("RATE_LIMITED", "Too many messages", { retryAfter: rateLimit.reset, rateLimit });
};

/** Counts one action for `subject`; throws RATE_LIMITED (with retryAfter in seconds) over the limit. */
export async function consumeRate(tx: Db | Tx, subject: string, rule: RateLimitRule = MESSAGE_RATE, now: number = Date.now()): Promise<RateLimitState> {
  const { count, windowEnd } = await countInWindow(tx, subject, rule, now);
  if (count > rule.limit) throw rateLimitedError(windowEnd, now, rule);
  return rateState(rule, count, windowEnd, now);
}

/** Counts one action for `subject` in the rule's current window: the count so far (this one included) and when the window ends. */
export async function countInWindow(tx: Db | Tx, subject: string, rule: RateLimitRule, now: number = Date.now()): Promise<{ count: number; windowEnd: number }> {
  const { key, end: windowEnd } = rateWindow(rule, subject, now);
  const upsert = () =>
    tx.rateLimitWindow.upsert({
      where: { key },
      create: { key, count: 1, expiresAt: new Date(windowEnd) },
      update: { count: { increment: 1 } },
      select: { count: true },
    });
  // Two first sends of a window at once can both try to create the row: the loser's
  // second try finds it and increments.
  const { count } = await upsert().catch((e: { code?: string }) => {
    if (e?.code === "P2002") return upsert();
    throw e;
  });
  return { count, windowEnd };
}

let lastSweep = 0;
/** Deletes expired windows now and then (at most once a minute per process); best effort. */
export function sweepRateWindows(db: { rateLimitWindow: { deleteMany(args: { where: { expiresAt: { lt: Date } } }): Promise<unknown> } }, now = Date.now()): void {
  if (now - lastSweep < 60_000) return;
  lastSweep = now;
  db.rateLimitWindow.deleteMany({ where: { expiresAt: { lt: new Date(now - 60_000) } } }).catch(() => {});
}
