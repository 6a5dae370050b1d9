"use client";
import { useFormatter } from "next-intl";

/** A number in the reader's language: 10,202 / 10.202; `compact`: 10.2K / 1,2 Mio. */
export function FormattedNumber({ value, compact = false }: { value: number; compact?: boolean }) {
  const format = useFormatter();
  return <>{format.number(value, compact ? { notation: "compact", maximumFractionDigits: 1 } : undefined)}</>;
}
