// The README's API tables and the route list (src/shared/api/routes.ts, which the OpenAPI
// document is made from) name the same paths: a route missing from the README, or a README
// row for a path that no longer exists, fails here. Parameter names are not compared
// (`:id` and `{username}` are both "a parameter").
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { API_ROUTES } from "@/shared/api/routes";

const root = path.resolve(import.meta.dirname, "../..");
const readme = fs.readFileSync(path.join(root, "README.md"), "utf8");
const apiSection = readme.slice(readme.indexOf("\n## API"), readme.indexOf("\n## ", readme.indexOf("\n## API") + 1));

const normal = (p: string) => p.replace(/\{\w+\}|:\w+/g, ":_").replace(/\/$/, "");
/** next-auth's own routes are its business, not ours to document path by path. */
const undocumented = new Set(["/api/auth/:_"]);

/** Every /api path the README's API section writes, with "…/x" (short for the row's previous path) resolved. */
function readmePaths(): Set<string> {
  const found = new Set<string>();
  for (const line of apiSection.split("\n").filter((l) => l.startsWith("| `"))) {
    const cell = line.split(" | ")[0];
    let previous = "";
    for (const match of cell.matchAll(/(\/api\/[^\s`?,]*|…\/[^\s`?,]*)/g)) {
      let p = match[1];
      if (p.startsWith("…/")) {
        const tail = p.slice(2);
        const head = tail.split("/")[0];
        const at = previous.lastIndexOf(`/${head}`);
        p = at >= 0 ? previous.slice(0, at) + "/" + tail : previous + "/" + tail;
      }
      previous = p;
      found.add(normal(p));
    }
  }
  return found;
}

describe("the README's API tables", () => {
  const documented = readmePaths();
  const routes = new Set(API_ROUTES.map((r) => normal(r.path)));

  it("list every route", () => {
    expect([...routes].filter((p) => !documented.has(p) && !undocumented.has(p)).sort()).toEqual([]);
  });

  it("name no route that does not exist", () => {
    expect([...documented].filter((p) => !routes.has(p)).sort()).toEqual([]);
  });
});
