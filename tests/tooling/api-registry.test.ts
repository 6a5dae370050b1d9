// The API documents list exactly what exists: every route.ts under src/app/api and each
// method it exports is in the route registry (src/shared/api/routes.ts) and the other way
// round; every server and client event of the contract is in the AsyncAPI document.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { asyncApiDocument } from "@/shared/api/asyncapi";
import { openApiDocument } from "@/shared/api/openapi";
import { API_ROUTES, HTTP_METHODS } from "@/shared/api/routes";
import { CLIENT_EVENT_SCHEMAS, SERVER_EVENT_NAMES } from "@/shared/events";

const apiDir = path.resolve(import.meta.dirname, "../../src/app/api");
/** The fallback that answers unknown /api addresses with a JSON 404: not an endpoint. */
const NOT_ENDPOINTS = new Set(["/api/{unknown}"]);

function routeFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name.startsWith("_") ? [] : routeFiles(full);
    return e.name === "route.ts" ? [full] : [];
  });
}

/** `[id]` → `{id}`, `[...rest]` → `{rest}`. */
const toPath = (file: string) => `/api/${path.relative(apiDir, path.dirname(file)).split(path.sep).join("/")}`.replace(/\/$/, "").replace(/\[(?:\.\.\.)?(\w+)\]/g, "{$1}");

/** The HTTP methods a route file exports: `export const GET`, `export async function POST`, `export { x as GET }`. */
function exportedMethods(source: string): string[] {
  const methods = new Set<string>();
  for (const [, name] of source.matchAll(/^export\s+(?:const|let|async\s+function|function)\s+(\w+)/gm)) methods.add(name);
  for (const [, list] of source.matchAll(/^export\s*\{([^}]*)\}/gm))
    for (const part of list.split(","))
      methods.add(
        part
          .trim()
          .split(/\s+as\s+/)
          .pop() ?? "",
      );
  return [...methods].filter((m) => (HTTP_METHODS as readonly string[]).includes(m));
}

/** Every local $ref of a document that points at nothing. */
function unresolvedRefs(doc: unknown): string[] {
  const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/([^"]+)"/g)].map((m) => m[1]);
  const resolve = (pointer: string) => pointer.split("/").reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key.replace(/~1/g, "/").replace(/~0/g, "~")], doc);
  return [...new Set(refs)].filter((r) => resolve(r) === undefined);
}

const existing = routeFiles(apiDir)
  .flatMap((file) => exportedMethods(fs.readFileSync(file, "utf8")).map((method) => `${method} ${toPath(file)}`))
  .filter((route) => !NOT_ENDPOINTS.has(route.split(" ")[1]))
  .sort();
const registered = API_ROUTES.map((r) => `${r.method} ${r.path}`).sort();

describe("the HTTP route registry", () => {
  it("finds the route files", () => {
    expect(existing.length).toBeGreaterThan(50);
    expect(existing).toContain("GET /api/conversations/{id}/messages");
  });

  it("lists every route the app answers", () => {
    expect(existing.filter((r) => !registered.includes(r))).toEqual([]);
  });

  it("lists no route the app does not answer, and none twice", () => {
    expect(registered.filter((r) => !existing.includes(r))).toEqual([]);
    expect(new Set(registered).size).toBe(registered.length);
  });

  it("is what the OpenAPI document holds", () => {
    const doc = openApiDocument() as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe("3.1.0");
    const documented = Object.entries(doc.paths)
      .flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`))
      .sort();
    expect(documented).toEqual(registered);
    const operations = Object.entries(doc.paths).flatMap(([p, ops]) => Object.values(ops).map((op) => ({ path: p, op: op as { operationId: string; parameters: { name: string; in: string }[] } })));
    const ids = operations.map((o) => o.op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    // Every {param} of a path is declared as a path parameter.
    for (const { path: p, op } of operations) {
      const declared = op.parameters.filter((x) => x.in === "path").map((x) => x.name);
      expect(declared, p).toEqual([...p.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));
    }
    expect(unresolvedRefs(doc)).toEqual([]);
  });
});

describe("the AsyncAPI document", () => {
  const doc = asyncApiDocument() as { asyncapi: string; operations: Record<string, { action: string; channel: { $ref: string } }>; channels: Record<string, { address: string }> };
  const addresses = (action: "send" | "receive") =>
    Object.values(doc.operations)
      .filter((o) => o.action === action)
      .map((o) => doc.channels[o.channel.$ref.split("/").pop()!].address)
      .sort();

  it("has every server event", () => {
    expect(doc.asyncapi).toBe("3.0.0");
    expect(addresses("receive")).toEqual([...SERVER_EVENT_NAMES].sort());
  });

  it("has every client event, each with its ack", () => {
    expect(addresses("send")).toEqual(Object.keys(CLIENT_EVENT_SCHEMAS).sort());
    for (const op of Object.values(doc.operations).filter((o) => o.action === "send")) expect(op).toHaveProperty("reply");
  });

  it("refers only to what it holds", () => {
    expect(unresolvedRefs(doc)).toEqual([]);
  });
});
