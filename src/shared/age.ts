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
export function ageOn(birthDate: string, now: Date | number = Date.now()): number {
  // Number fields, not split/toISOString: this runs for every member on every send.
  const [by, bm, bd] = [Number(birthDate.slice(0, 4)), Number(birthDate.slice(5, 7)), Number(birthDate.slice(8, 10))];
  const today = utcDay(typeof now === "number" ? now : now.getTime());
  let age = today.year - by;
  if (today.month < bm || (today.month === bm && today.day < bd)) age -= 1;
  return age;
}

const DAY_MS = 86_400_000;
let lastDay = { index: Number.NaN, year: 0, month: 0, day: 0 };
/** The UTC calendar date of a moment, kept for the day: sends ask it many times a second. */
function utcDay(ms: number) {
  const index = Math.floor(ms / DAY_MS);
  if (index !== lastDay.index) {
    const d = new Date(index * DAY_MS);
    lastDay = { index, year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
  }
  return lastDay;
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
