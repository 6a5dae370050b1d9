// Throttled logins (rate-limiter-flexible: Redis with REDIS_URL, so every node counts
// the same failures; memory otherwise). Failures count per account and per address; an
// account over its allowance is locked, each further lock within a day twice as long.
// A locked login is refused before its password is hashed, so a flood costs no CPU.
import { Redis } from "ioredis";
import { RateLimiterMemory, RateLimiterRedis, type RateLimiterAbstract, type RateLimiterRes } from "rate-limiter-flexible";
import { DomainError } from "@/domain/errors";
import { LOGIN } from "@/shared/limits";

interface Limiters {
  accountFailures: RateLimiterAbstract;
  accountLocks: RateLimiterAbstract;
  addressFailures: RateLimiterAbstract;
}

// One set per process: Next's bundles and the server load this module separately.
const registry = globalThis as unknown as { __murmurLoginLimiters?: Limiters };

function limiters(): Limiters {
  if (registry.__murmurLoginLimiters) return registry.__murmurLoginLimiters;
  const redisUrl = process.env.REDIS_URL;
  const client = redisUrl ? new Redis(redisUrl, { enableOfflineQueue: false, maxRetriesPerRequest: 1 }) : null;
  const make = (keyPrefix: string, points: number, duration: number, blockDuration = 0) =>
    client
      ? new RateLimiterRedis({ storeClient: client, keyPrefix, points, duration, blockDuration, insuranceLimiter: new RateLimiterMemory({ keyPrefix, points, duration, blockDuration }) })
      : new RateLimiterMemory({ keyPrefix, points, duration, blockDuration });
  // A limiter refuses the consume that goes past its points: points = allowance - 1 locks at the last allowed failure.
  registry.__murmurLoginLimiters = {
    accountFailures: make("login-account", LOGIN.failuresPerAccount - 1, LOGIN.windowSeconds),
    accountLocks: make("login-locks", 1_000_000, 24 * 60 * 60),
    addressFailures: make("login-address", LOGIN.failuresPerAddress - 1, LOGIN.windowSeconds, LOGIN.addressLockSeconds),
  };
  return registry.__murmurLoginLimiters;
}

export interface LoginAttempt {
  username: string;
  /** The caller's address; null where none is known (a direct call from code). */
  address: string | null;
}

const accountKey = (username: string) => username.trim().toLowerCase();

const throttled = (msBeforeNext: number) => {
  const retryAfter = Math.max(1, Math.ceil(msBeforeNext / 1000));
  return new DomainError("LOGIN_THROTTLED", "Too many login attempts.", { retryAfter });
};

/** Refuses a login while its account or address is locked: LOGIN_THROTTLED with retryAfter. */
export async function assertLoginAllowed(attempt: LoginAttempt): Promise<void> {
  const { accountFailures, addressFailures } = limiters();
  const [account, address] = await Promise.all([accountFailures.get(accountKey(attempt.username)), attempt.address ? addressFailures.get(attempt.address) : null]);
  const over = [account && account.consumedPoints > accountFailures.points ? account : null, address && address.consumedPoints > addressFailures.points ? address : null].filter(
    (r): r is RateLimiterRes => r !== null,
  );
  if (over.length) throw throttled(Math.max(...over.map((r) => r.msBeforeNext)));
}

/**
 * Refuses a login from an address that is locked already, before anything else is known
 * (the server asks this before the request reaches Next or its body is read).
 */
export async function assertAddressAllowed(address: string): Promise<void> {
  const { addressFailures } = limiters();
  const state = await addressFailures.get(address);
  if (state && state.consumedPoints > addressFailures.points) throw throttled(state.msBeforeNext);
}

/** A wrong password: counted; past the allowance the account is locked (doubling) or the address waits. */
export async function recordLoginFailure(attempt: LoginAttempt): Promise<void> {
  const { accountFailures, accountLocks, addressFailures } = limiters();
  const key = accountKey(attempt.username);
  await Promise.all([
    accountFailures.consume(key).catch(async () => {
      const locks = await accountLocks.consume(key).catch((r: RateLimiterRes) => r);
      const seconds = Math.min(LOGIN.firstLockSeconds * 2 ** Math.max(0, locks.consumedPoints - 1), LOGIN.maxLockSeconds);
      await accountFailures.block(key, seconds);
    }),
    attempt.address ? addressFailures.consume(attempt.address).catch(() => undefined) : undefined,
  ]);
}

/** The right password: the account's failures are forgotten (its lock history stays for the day). */
export async function recordLoginSuccess(attempt: LoginAttempt): Promise<void> {
  await limiters().accountFailures.delete(accountKey(attempt.username));
}
