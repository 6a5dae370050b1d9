import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

// User-visible text comes from the catalogues. This finds literal words in JSX text and
// in the attributes people read or hear (aria-label, alt, title, placeholder) in every
// component and page. Emoji, punctuation and {expressions} are fine.
const root = path.resolve(import.meta.dirname, "../..");
const DIRS = ["src/components", "src/app"];

function tsxFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? tsxFiles(full) : e.name.endsWith(".tsx") ? [full] : [];
  });
}

const WORD = /\p{L}{2,}/u;
// Text between a JSX tag's end and the next tag: `>Hello<` or `>\n  Hello\n<`.
const JSX_TEXT = /(?<![=(,?:]\s*)>([^<>{}`;]*?)<\/?[A-Za-z]/g;
// What the regex catches between a comparison and a generic is code, not text.
const CODE = /[=()]|&&|\|\||^\s*,|\?\s*$/;
const READ_ATTRIBUTE = /\b(aria-label|aria-description|aria-roledescription|aria-valuetext|aria-placeholder|alt|title|placeholder)=(?:"([^"]*)"|\{\s*["'`]([^"'`$]*)["'`]\s*\})/g;
// A string literal as JSX text: `>{"Hello"}<`.
const JSX_LITERAL = />\s*\{\s*["'`]([^"'`$]*)["'`]\s*\}\s*</g;
// Where the features of the other issues landed: each must be scanned (and hold components).
const FEATURE_DIRS = ["src/components/rooms", "src/components/media", "src/components/safety", "src/components/platform", "src/components/chat", "src/components/a11y"];

function findings(file: string): string[] {
  const source = fs
    .readFileSync(file, "utf8")
    .replace(/\/\*[\s\S]*?\*\//g, "")
    .replace(/^\s*\/\/.*$/gm, "");
  const found: string[] = [];
  for (const m of source.matchAll(JSX_TEXT)) if (WORD.test(m[1]) && !CODE.test(m[1])) found.push(m[1].trim());
  for (const m of source.matchAll(READ_ATTRIBUTE)) if (WORD.test(m[2] ?? m[3])) found.push(`${m[1]}="${m[2] ?? m[3]}"`);
  for (const m of source.matchAll(JSX_LITERAL)) if (WORD.test(m[1])) found.push(`{"${m[1]}"}`);
  return found.map((text) => `${path.relative(root, file)}: ${text}`);
}

describe("no hard-coded text in the UI", () => {
  it("covers the newly merged features (rooms, media, safety, platform, chat)", () => {
    const scanned = new Set(DIRS.flatMap((d) => tsxFiles(path.join(root, d))));
    for (const dir of FEATURE_DIRS) {
      const files = tsxFiles(path.join(root, dir));
      expect(files.length, dir).toBeGreaterThan(0);
      for (const file of files) expect(scanned.has(file), file).toBe(true);
    }
  });

  it("finds literal words, also in attribute expressions and JSX string literals", () => {
    const probe = path.join(root, "tests/tooling/.hardcoded-probe.tsx");
    fs.writeFileSync(probe, `const a = <b aria-label={"Close it"}>{"Hello there"}</b>;\nconst c = <i title="Look">Literal words</i>;\n`);
    try {
      expect(findings(probe).map((f) => f.replace(/^[^:]+: /, ""))).toEqual(["Literal words", 'aria-label="Close it"', 'title="Look"', '{"Hello there"}']);
    } finally {
      fs.rmSync(probe);
    }
  });

  it("components and pages take their words from the catalogues", () => {
    const all = DIRS.flatMap((d) => tsxFiles(path.join(root, d))).flatMap(findings);
    expect(all).toEqual([]);
  });
});
