import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EVENT_SCOPES, ROUTE_SCOPES, routeAccess, scopeAllows } from "./scopes";

const apiDir = path.resolve(import.meta.dirname, "../app/api");

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? routeFiles(path.join(dir, e.name)) : e.name === "route.ts" ? [path.join(dir, e.name)] : []));
}

describe("the scope table", () => {
  const existing = new Set<string>();
  for (const file of routeFiles(apiDir)) {
    const route = `/api/${path.relative(apiDir, path.dirname(file)).split(path.sep).join("/")}`.replace(/\/$/, "");
    if (route.includes("[...")) continue;
    for (const [, method] of fs.readFileSync(file, "utf8").matchAll(/export const (GET|POST|PUT|PATCH|DELETE) = /g)) existing.add(`${method} ${route}`);
  }

  it("names only routes and methods that exist (a typo would quietly make a route full-access only)", () => {
    for (const key of Object.keys(ROUTE_SCOPES)) expect(existing, key).toContain(key);
  });

  it("every route resolves to its own entry, or to full access when it has none (no pattern shadows another route)", () => {
    for (const key of existing) {
      const [method, route] = key.split(" ");
      const concrete = route.replace(/\[[^\]]+\]/g, "x1");
      expect(routeAccess(method, concrete), key).toBe(ROUTE_SCOPES[key] ?? "full");
    }
  });

  it("matches paths: literal segments win over parameters; unknown routes need full access", () => {
    expect(routeAccess("GET", "/api/conversations/abc/messages")).toBe("messages:read");
    expect(routeAccess("POST", "/api/conversations/abc/messages")).toBe("messages:write");
    expect(routeAccess("HEAD", "/api/media/m1")).toBe("messages:read");
    expect(routeAccess("POST", "/api/rooms/r1/bans")).toBe("rooms:moderate");
    expect(routeAccess("GET", "/api/rooms/eligibility")).toBe("messages:read");
    expect(routeAccess("POST", "/api/me/tokens")).toBe("full");
    expect(routeAccess("GET", "/api/me/sessions")).toBe("full");
    expect(routeAccess("GET", "/api/conversations/a/b/c/messages")).toBe("full");
    expect(routeAccess("DELETE", "/api/something-new")).toBe("full");
  });

  it("a token has exactly its scopes; full access only without a token's scopes", () => {
    expect(scopeAllows(null, "full")).toBe(true);
    expect(scopeAllows(["messages:read", "messages:write", "rooms:moderate"], "full")).toBe(false);
    expect(scopeAllows(["messages:read"], "messages:write")).toBe(false);
    expect(scopeAllows(["messages:write"], "messages:write")).toBe(true);
    expect(Object.values(EVENT_SCOPES).every((s) => s !== "full")).toBe(true);
  });
});
