"use client";
import { useFormatter, useNow, useTranslations } from "next-intl";
import { relativeTimeText } from "./relative";

/**
 * "vor 5 Min." / "5 min. ago", kept fresh every 30 s; the full date and time is in the
 * `title` and the machine-readable `dateTime`. Server and browser clocks may differ by a
 * minute at hydration, hence suppressHydrationWarning.
 */
export function RelativeTime({ date, className }: { date: Date | string | number; className?: string }) {
  const format = useFormatter();
  const t = useTranslations("format");
  const now = useNow({ updateInterval: 30_000 });
  const value = new Date(date);
  return (
    <time className={className} dateTime={value.toISOString()} title={format.dateTime(value, { dateStyle: "medium", timeStyle: "short" })} suppressHydrationWarning>
      {relativeTimeText(format, t, value, now)}
    </time>
  );
}
