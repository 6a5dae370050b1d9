import { AGE } from "./limits";

export type AgeBand = "under16" | "teen" | "adult";

/** Today's calendar date as "YYYY-MM-DD" in UTC, the server's reference day. */
export function isoDate(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/**
 * Whole years between a "YYYY-MM-DD" birth date and `now` (UTC calendar days).
 * Computed at each use, so a birthday takes effect on the day itself.
 * Someone born on 29 February turns a year older on 1 March in common years.
 */
export function ageOn(birthDate: string, now: Date = new Date()): number {
  // Number fields, not split/toISOString: this runs for every member on every send.
  const [by, bm, bd] = [Number(birthDate.slice(0, 4)), Number(birthDate.slice(5, 7)), Number(birthDate.slice(8, 10))];
  const [ty, tm, td] = [now.getUTCFullYear(), now.getUTCMonth() + 1, now.getUTCDate()];
  let age = ty - by;
  if (tm < bm || (tm === bm && td < bd)) age -= 1;
  return age;
}

export function ageBandOf(age: number): AgeBand {
  if (age < AGE.minimumForDMs) return "under16";
  if (age < AGE.adult) return "teen";
  return "adult";
}

/** A valid calendar date in "YYYY-MM-DD" form (rejects 2023-02-30). */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}
