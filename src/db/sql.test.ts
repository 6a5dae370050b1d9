import { describe, expect, it } from "vitest";
import { join, param, readBool, readDate, render, sql } from "./sql";

describe("sql", () => {
  const query = sql`UPDATE "T" SET "n" = "n" + ${param(2, "int")}, "at" = ${param(new Date("2026-01-02T03:04:05.678Z"), "timestamp")} WHERE "id" IN (${join(["a", "b"].map((id) => sql`${id}`))}) AND "on" = ${true}`;

  it("renders ? placeholders and SQLite's stored forms for SQLite", () => {
    expect(render(query, "sqlite")).toEqual({
      text: `UPDATE "T" SET "n" = "n" + ?, "at" = ? WHERE "id" IN (?, ?) AND "on" = ?`,
      values: [2, "2026-01-02T03:04:05.678+00:00", "a", "b", 1],
    });
  });

  it("renders numbered placeholders with the casts PostgreSQL needs", () => {
    expect(render(query, "postgres")).toEqual({
      text: `UPDATE "T" SET "n" = "n" + $1::int, "at" = $2::timestamp(3) WHERE "id" IN ($3, $4) AND "on" = $5`,
      values: [2, "2026-01-02T03:04:05.678Z", "a", "b", true],
    });
  });

  it("refuses to join nothing (an empty IN list is a bug, not a query)", () => {
    expect(() => join([])).toThrow();
  });

  it("reads timestamps and booleans back from either database", () => {
    const at = "2026-01-02T03:04:05.678Z";
    expect(readDate("2026-01-02T03:04:05.678+00:00").toISOString()).toBe(at);
    expect(readDate("2026-01-02 03:04:05.678").toISOString()).toBe(at); // PostgreSQL timestamp(3): UTC, no zone
    expect(readDate(new Date(at)).toISOString()).toBe(at);
    expect([readBool(1), readBool(true), readBool(0), readBool(false), readBool(null)]).toEqual([true, true, false, false, false]);
  });
});
