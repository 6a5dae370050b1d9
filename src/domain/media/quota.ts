// The per-user upload quota: UPLOADS.perHour and UPLOADS.perDay uploads, counted in the
// database (RateLimitWindow, shared by every node) before a byte is stored. Every
// upload that gets past the membership check counts, whether it is kept or refused
// later: the quota bounds the work and disk a user can cause, not only what is kept.
import type { Db } from "@/db/client";
import { DomainError } from "@/domain/errors";
import { countInWindow, type RateLimitRule } from "@/domain/messages/rate-limit";
import { UPLOADS } from "@/shared/limits";

/** An operator may change the allowances (e.g. for a load test): UPLOADS_PER_HOUR, UPLOADS_PER_DAY. */
const configured = (value: string | undefined, fallback: number) => {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
};

export const UPLOAD_QUOTA_RULES: readonly RateLimitRule[] = [
  { prefix: "upload-hour", limit: configured(process.env.UPLOADS_PER_HOUR, UPLOADS.perHour), windowMs: 60 * 60 * 1000 },
  { prefix: "upload-day", limit: configured(process.env.UPLOADS_PER_DAY, UPLOADS.perDay), windowMs: 24 * 60 * 60 * 1000 },
];

/** Counts one upload; UPLOAD_QUOTA (429, retryAfter in seconds) when an hour's or a day's allowance is spent. */
export async function consumeUploadQuota(db: Db, userId: string, now = Date.now()): Promise<void> {
  let retryAt = 0;
  for (const rule of UPLOAD_QUOTA_RULES) {
    const { count, windowEnd } = await countInWindow(db, userId, rule, now);
    if (count > rule.limit) retryAt = Math.max(retryAt, windowEnd);
  }
  if (retryAt) {
    throw new DomainError("UPLOAD_QUOTA", "Too many uploads", { retryAfter: Math.max(1, Math.ceil((retryAt - now) / 1000)) });
  }
}
