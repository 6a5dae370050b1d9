import type { ErrorCode } from "@/shared/errors";

/**
 * A rule said no. Carries a stable code; the transport maps it to a status
 * (HTTP) or an ack (socket) and translates the message for the user.
 */
// A brand under a global symbol, not `instanceof`: Next's bundles and server.ts load separate
// copies of this class, and an error made in one copy (by the message writer both share, say)
// must still be recognised in the other.
const DOMAIN_ERROR = Symbol.for("murmur.DomainError");

/** A named limit's state after an action, for the IETF RateLimit header fields. */
export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Seconds until the window resets. */
  reset: number;
  /** The limit's name (RateLimit-Policy) and its window in seconds. */
  policy?: string;
  window?: number;
}

export class DomainError extends Error {
  readonly [DOMAIN_ERROR] = true;

  constructor(
    readonly code: ErrorCode,
    message: string = code,
    readonly extra: { retryAfter?: number; details?: Record<string, unknown>; rateLimit?: RateLimitState } = {},
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const isDomainError = (e: unknown): e is DomainError => typeof e === "object" && e !== null && (e as { [DOMAIN_ERROR]?: boolean })[DOMAIN_ERROR] === true;

/** The one answer for "absent" and "not yours": existence is never revealed. */
export const notFound = (what = "Not found") => new DomainError("NOT_FOUND", what);
