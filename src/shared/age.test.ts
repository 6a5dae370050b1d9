import { describe, expect, it } from "vitest";
import { ageBandOf, ageOn, isCalendarDate } from "./age";

describe("ageOn", () => {
  it("counts a birthday on the day itself, not the day after", () => {
    expect(ageOn("2010-06-15", new Date("2026-06-14T23:59:59Z"))).toBe(15);
    expect(ageOn("2010-06-15", new Date("2026-06-15T00:00:00Z"))).toBe(16);
  });
  it("treats 29 February birthdays as 1 March in common years", () => {
    expect(ageOn("2008-02-29", new Date("2026-02-28T12:00:00Z"))).toBe(17);
    expect(ageOn("2008-02-29", new Date("2026-03-01T12:00:00Z"))).toBe(18);
  });
  it("gives the same answer for a moment as a Date or as milliseconds, whatever day was asked before", () => {
    const eve = Date.parse("2026-06-14T23:59:59Z");
    const day = Date.parse("2026-06-15T00:00:00Z");
    // Alternating days: the remembered day must never answer for another one.
    for (const [now, age] of [
      [day, 16],
      [eve, 15],
      [new Date(day), 16],
      [new Date(eve), 15],
      [day + 86_399_999, 16],
    ] as const) {
      expect(ageOn("2010-06-15", now)).toBe(age);
    }
  });
});

describe("ageBandOf", () => {
  it("puts 15 under 16, 16 and 17 in teen, 18 in adult", () => {
    expect(ageBandOf(15)).toBe("under16");
    expect(ageBandOf(16)).toBe("teen");
    expect(ageBandOf(17)).toBe("teen");
    expect(ageBandOf(18)).toBe("adult");
  });
});

describe("isCalendarDate", () => {
  it("accepts real dates only", () => {
    expect(isCalendarDate("2024-02-29")).toBe(true);
    expect(isCalendarDate("2023-02-29")).toBe(false);
    expect(isCalendarDate("2023-13-01")).toBe(false);
    expect(isCalendarDate("1.2.2003")).toBe(false);
  });
});
