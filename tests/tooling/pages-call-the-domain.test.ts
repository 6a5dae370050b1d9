// Pages read through the domain's use cases (which authorise the read), never straight from
// Prisma: a page that queries a model itself skips the rules every route goes through.
// dependency-cruiser cannot see this (pages do import the client, to hand it on).
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const appDir = path.resolve(import.meta.dirname, "../../src/app");

function pages(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "api" ? [] : pages(full);
    return entry.name.endsWith(".tsx") || entry.name.endsWith(".ts") ? [full] : [];
  });
}

describe("pages", () => {
  it("query no Prisma model directly", () => {
    const offenders = pages(appDir).flatMap((file) =>
      fs
        .readFileSync(file, "utf8")
        .split("\n")
        .map((line, i) => ({ line, at: `${path.relative(appDir, file)}:${i + 1}` }))
        .filter(({ line }) => /\bdb\(\)\s*\.\s*(\$?\w+)\s*\./.test(line) || /\bdb\(\)\.\$(queryRaw|executeRaw|transaction)/.test(line))
        .map(({ at }) => at),
    );
    expect(offenders).toEqual([]);
  });
});
