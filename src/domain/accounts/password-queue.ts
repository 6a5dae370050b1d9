// Password hashing is the most expensive thing a request can make the server do (argon2,
// 19 MiB and tens of ms of a core). Hashes run a few at a time, so a flood of logins or
// sign-ups queues here instead of taking every core from everyone else; past a short
// queue the caller is told to come back (RATE_LIMITED) without any hashing.
import pLimit from "p-limit";
import { DomainError } from "@/domain/errors";
import { LOGIN } from "@/shared/limits";

const registry = globalThis as unknown as { __murmurHashQueue?: ReturnType<typeof pLimit> };
const queue = () => (registry.__murmurHashQueue ??= pLimit(LOGIN.hashConcurrency));

/** Whether a login arriving now would be refused without hashing (the queue is full). */
export const hashQueueFull = (): boolean => queue().pendingCount >= LOGIN.hashQueueMax;

export function withHashing<T>(work: () => Promise<T>): Promise<T> {
  const limit = queue();
  if (hashQueueFull()) {
    return Promise.reject(hashQueueFullError());
  }
  return limit(work);
}

export const hashQueueFullError = () => new DomainError("RATE_LIMITED", "The server is busy; try again in a moment.", { retryAfter: 1 });
