import { createFormatter } from "next-intl";
import { describe, expect, it } from "vitest";
import { catalogues } from "@/i18n/catalogues";
import { dayLabel, relativeTimeText } from "./relative";

const now = new Date("2026-03-10T12:00:00Z");
const minutesAgo = (m: number) => new Date(now.getTime() - m * 60_000);
const setup = (locale: "en" | "de") => ({
  format: createFormatter({ locale, timeZone: "Europe/Berlin" }),
  t: (key: "justNow" | "today" | "yesterday") => catalogues[locale].format[key],
});

describe("relative times", () => {
  it("reads naturally in German and English", () => {
    const de = setup("de");
    const en = setup("en");
    expect(relativeTimeText(de.format, de.t, minutesAgo(5), now)).toBe("vor 5 Min.");
    expect(relativeTimeText(en.format, en.t, minutesAgo(5), now)).toBe("5 min. ago");
    expect(relativeTimeText(de.format, de.t, minutesAgo(180), now)).toBe("vor 3 Std.");
  });

  it("says 'just now' under a minute", () => {
    const de = setup("de");
    expect(relativeTimeText(de.format, de.t, new Date(now.getTime() - 10_000), now)).toBe(catalogues.de.format.justNow);
  });

  it("labels days as today, yesterday or a date in the user's time zone", () => {
    const de = setup("de");
    expect(dayLabel(de.format, de.t, minutesAgo(60), now, "Europe/Berlin")).toBe("Heute");
    expect(dayLabel(de.format, de.t, minutesAgo(24 * 60), now, "Europe/Berlin")).toBe("Gestern");
    expect(dayLabel(de.format, de.t, new Date("2026-03-03T10:00:00Z"), now, "Europe/Berlin")).toBe("Di., 3. März");
    expect(dayLabel(de.format, de.t, new Date("2025-03-03T10:00:00Z"), now, "Europe/Berlin")).toBe("Mo., 3. März 2025");
  });
});
