import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// WCAG 2.2 AA contrast of the design tokens in both themes, read from globals.css.
const css = fs.readFileSync(path.resolve(import.meta.dirname, "../../src/app/globals.css"), "utf8");

function block(selector: string): Record<string, string> {
  const start = css.indexOf(`${selector} {`);
  if (start < 0) throw new Error(`no ${selector} block`);
  const body = css.slice(start + selector.length + 2, css.indexOf("}", start));
  return Object.fromEntries([...body.matchAll(/(--[\w-]+):\s*([^;]+);/g)].map((m) => [m[1], m[2].trim()]));
}

const light = block(":root");
const darkOverrides = block(':root[data-theme="dark"]');
const systemDarkOverrides = block(':root:not([data-theme="light"])');
const dark = { ...light, ...darkOverrides };

function luminance(hex: string): number {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const lin = (c: number) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}
function contrast(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

// [foreground, background, minimum]: 4.5 for text, 3 for focus rings and borders that carry meaning.
const TEXT_ON = ["--bg", "--bg-soft", "--bg-raised"];
const PAIRS: [string, string, number][] = [
  ...["--text", "--text-muted", "--accent-strong", "--danger"].flatMap((fg) => TEXT_ON.map((bg) => [fg, bg, 4.5] as [string, string, number])),
  ["--on-accent", "--accent-fill", 4.5],
  ["--on-accent", "--accent-fill-hover", 4.5],
  ["--bubble-mine-text", "--bubble-mine", 4.5],
  ["--bubble-theirs-text", "--bubble-theirs", 4.5],
  ["--text-muted", "--bubble-theirs", 4.5],
  ...TEXT_ON.map((bg) => ["--focus", bg, 3] as [string, string, number]),
];

describe("design tokens", () => {
  it("the system's dark theme and the chosen dark theme are the same tokens", () => {
    expect(systemDarkOverrides).toEqual(darkOverrides);
  });

  for (const [name, tokens] of [
    ["light", light],
    ["dark", dark],
  ] as const) {
    it(`meet WCAG AA contrast in the ${name} theme`, () => {
      const failures = PAIRS.filter(([fg, bg, min]) => contrast(tokens[fg], tokens[bg]) < min).map(
        ([fg, bg, min]) => `${fg} ${tokens[fg]} on ${bg} ${tokens[bg]}: ${contrast(tokens[fg], tokens[bg]).toFixed(2)} < ${min}`,
      );
      expect(failures).toEqual([]);
    });
  }
});
