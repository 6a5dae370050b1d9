// Named limiters for every write and event (WRITE_LIMITS), built once from the limits:
// rate-limiter-flexible on Redis with REDIS_URL, so every node counts the same actions,
// in memory otherwise. A use case calls `consumeLimit("reaction", userId)`; over the
// limit it throws RATE_LIMITED with retryAfter and the numbers for the RateLimit headers.
import { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract, type RateLimiterRes } from "rate-limiter-flexible";
import { DomainError, isDomainError, type RateLimitState } from "@/domain/errors";
import { WRITE_LIMITS, type WriteLimitName } from "@/shared/limits";

type Limiters = Record<WriteLimitName, RateLimiterAbstract>;

// One set per process: Next's bundles and the server load this module separately.
const registry = globalThis as unknown as { __murmurWriteLimiters?: Limiters; __murmurWriteLimitsRedis?: Redis };

/** RATE_LIMITS="signup:1000,reaction:120" overrides the allowance (points) of the named limits. */
export function configuredPoints(name: WriteLimitName, setting = process.env.RATE_LIMITS ?? ""): number {
  for (const entry of setting.split(",")) {
    const [key, value] = entry.split(/[:=]/).map((s) => s?.trim());
    const points = Number(value);
    if (key === name && Number.isInteger(points) && points > 0) return points;
  }
  return WRITE_LIMITS[name].points;
}

function limiters(): Limiters {
  if (registry.__murmurWriteLimiters) return registry.__murmurWriteLimiters;
  const redisUrl = process.env.REDIS_URL;
  const client = redisUrl ? new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }) : null;
  if (client) registry.__murmurWriteLimitsRedis = client;
  const make = (name: WriteLimitName) => {
    const options = { keyPrefix: `limit-${name}`, points: configuredPoints(name), duration: WRITE_LIMITS[name].seconds };
    return client ? new RateLimiterRedis({ ...options, storeClient: client, insuranceLimiter: new RateLimiterMemory(options) }) : new RateLimiterMemory(options);
  };
  const built = Object.fromEntries((Object.keys(WRITE_LIMITS) as WriteLimitName[]).map((name) => [name, make(name)])) as unknown as Limiters;
  registry.__murmurWriteLimiters = built;
  return built;
}

const isLimiterRes = (e: unknown): e is RateLimiterRes => typeof (e as RateLimiterRes | null)?.msBeforeNext === "number" && typeof (e as RateLimiterRes).remainingPoints === "number";

/**
 * Builds the limiters and waits (up to 5 s) for their Redis connection, at server start:
 * until it is up every node would count in its own memory (the insurance limiter).
 */
export async function prepareWriteLimits(): Promise<void> {
  limiters();
  const client = registry.__murmurWriteLimitsRedis;
  if (!client || client.status === "ready") return;
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, 5_000);
    client.once("ready", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

export type { RateLimitState } from "@/domain/errors";

/** Counts one action of `key` against the named limit; over it: RATE_LIMITED (429) with retryAfter. */
export async function consumeLimit(name: WriteLimitName, key: string): Promise<RateLimitState> {
  const limiter = limiters()[name];
  const state = (res: RateLimiterRes): RateLimitState => ({
    limit: limiter.points,
    remaining: Math.max(0, res.remainingPoints),
    reset: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
    policy: name,
    window: WRITE_LIMITS[name].seconds,
  });
  try {
    return state(await limiter.consume(key));
  } catch (e) {
    // Duck-typed: Next's bundles and the server may hold separate copies of the library.
    if (!isLimiterRes(e)) throw e;
    const rateLimit = state(e);
    throw new DomainError("RATE_LIMITED", `Too many ${name} actions.`, { retryAfter: rateLimit.reset, rateLimit });
  }
}

/** Forgets what `key` has used of the named limit (a message ends a typing spell: the next one is relayed at once). */
export async function resetLimit(name: WriteLimitName, key: string): Promise<void> {
  await limiters()
    [name].delete(key)
    .catch(() => undefined);
}

/** true when the action may go ahead; false (silently) when it is over its limit. For events that are dropped, not refused. */
export async function withinLimit(name: WriteLimitName, key: string): Promise<boolean> {
  try {
    await consumeLimit(name, key);
    return true;
  } catch (e) {
    if (isDomainError(e) && e.code === "RATE_LIMITED") return false;
    throw e;
  }
}
