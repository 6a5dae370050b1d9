import type { ErrorCode } from "@/shared/errors";

/**
 * A rule said no. Carries a stable code; the transport maps it to a status
 * (HTTP) or an ack (socket) and translates the message for the user.
 */
export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string = code,
    readonly extra: { retryAfter?: number; details?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.name = "DomainError";
  }
}

export const isDomainError = (e: unknown): e is DomainError => e instanceof DomainError;

/** The one answer for "absent" and "not yours": existence is never revealed. */
export const notFound = (what = "Not found") => new DomainError("NOT_FOUND", what);
