"use client";
import { useFormatter, useNow, useTimeZone, useTranslations } from "next-intl";
import { dayLabel } from "./relative";

const STYLES = {
  /** 14:05 / 2:05 PM */
  time: { timeStyle: "short" },
  /** 03.03.2026 / Mar 3, 2026 */
  date: { dateStyle: "medium" },
  dateTime: { dateStyle: "medium", timeStyle: "short" },
} as const satisfies Record<string, Intl.DateTimeFormatOptions>;

/**
 * A date or time in the reader's language and time zone. `as="day"` gives a chat's day
 * separator: "Heute", "Gestern", "Di., 3. März".
 */
export function DateTime({ date, as = "dateTime", className }: { date: Date | string | number; as?: keyof typeof STYLES | "day"; className?: string }) {
  const format = useFormatter();
  const t = useTranslations("format");
  const timeZone = useTimeZone();
  const now = useNow();
  const value = new Date(date);
  const text = as === "day" ? dayLabel(format, t, value, now, timeZone) : format.dateTime(value, STYLES[as]);
  return (
    <time className={className} dateTime={value.toISOString()} suppressHydrationWarning>
      {text}
    </time>
  );
}
