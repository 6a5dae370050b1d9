import type { createFormatter } from "next-intl";

type Formatter = Pick<ReturnType<typeof createFormatter>, "relativeTime" | "dateTime">;
type Translate = (key: "justNow" | "today" | "yesterday") => string;

const DAY_MS = 24 * 60 * 60 * 1000;

/** "just now" under a minute, else the short relative form: "5 min. ago", "vor 5 Min.". */
export function relativeTimeText(format: Formatter, t: Translate, date: Date, now: Date): string {
  if (Math.abs(now.getTime() - date.getTime()) < 45_000) return t("justNow");
  return format.relativeTime(date, { now, style: "short" });
}

/** A chat's day separator: "Today", "Yesterday", else the date ("Mon, 3 March"; older years with the year). */
export function dayLabel(format: Formatter, t: Translate, date: Date, now: Date, timeZone?: string): string {
  const key = (d: Date) => new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" }).format(d);
  if (key(date) === key(now)) return t("today");
  if (key(date) === key(new Date(now.getTime() - DAY_MS))) return t("yesterday");
  const sameYear = key(date).slice(0, 4) === key(now).slice(0, 4);
  return format.dateTime(date, { weekday: "short", day: "numeric", month: "long", ...(sameYear ? {} : { year: "numeric" }) });
}
