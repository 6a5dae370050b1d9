// The OpenAPI 3.1 document of the HTTP API, built from the route registry (routes.ts) and the
// shared zod schemas. Served at GET /api/openapi.json and shown on /developers.
import { z } from "zod";
import { ERROR_CODES, ERROR_STATUS, type ErrorCode } from "../errors";
import { MESSAGE, PAGING, RATE_LIMIT, WRITE_LIMITS } from "../limits";
import { SchemaCollector, type JsonSchema } from "./json-schema";
import { API_ROUTES, commonErrors, type ApiRoute } from "./routes";

export const API_VERSION = "1.0.0";

const STATUS_TEXT: Record<number, string> = {
  400: "Bad request",
  401: "Not logged in",
  403: "Forbidden",
  404: "Not found",
  405: "Method not allowed",
  409: "Conflict",
  413: "Too large",
  415: "Unsupported type",
  422: "Refused by a rule",
  429: "Too many requests",
  500: "Server error",
  503: "Unavailable",
};

/** The allowance of each named limit, for the RateLimit-Policy a route answers with. */
export function rateLimitPolicy(name: string): { limit: number; windowSeconds: number } | null {
  if (name === "messages") return { limit: RATE_LIMIT.messagesPerWindow, windowSeconds: RATE_LIMIT.windowMs / 1000 };
  const limit = WRITE_LIMITS[name as keyof typeof WRITE_LIMITS];
  return limit ? { limit: limit.points, windowSeconds: limit.seconds } : null;
}

/** The errors a route may answer, by status: its own and those of its kind. */
export function routeErrors(route: ApiRoute): Map<number, ErrorCode[]> {
  const codes = [...new Set([...commonErrors(route), ...(route.errors ?? [])])];
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) byStatus.set(ERROR_STATUS[code], [...(byStatus.get(ERROR_STATUS[code]) ?? []), code]);
  return new Map([...byStatus].sort(([a], [b]) => a - b));
}

export const operationId = (route: ApiRoute) =>
  `${route.method.toLowerCase()}${route.path
    .replace(/^\/api/, "")
    .replace(/\.json$/, "Json")
    .split(/[/-]/)
    .filter(Boolean)
    .map((part) => (part.startsWith("{") ? `By${part.slice(1, 2).toUpperCase()}${part.slice(2, -1)}` : part[0].toUpperCase() + part.slice(1)))
    .join("")}`;

const rateLimitHeaders = {
  "RateLimit-Policy": { $ref: "#/components/headers/RateLimit-Policy" },
  RateLimit: { $ref: "#/components/headers/RateLimit" },
  "RateLimit-Limit": { $ref: "#/components/headers/RateLimit-Limit" },
  "RateLimit-Remaining": { $ref: "#/components/headers/RateLimit-Remaining" },
  "RateLimit-Reset": { $ref: "#/components/headers/RateLimit-Reset" },
};

function parameters(route: ApiRoute, schemas: SchemaCollector): JsonSchema[] {
  const params: JsonSchema[] = [...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({ name, in: "path", required: true, schema: { type: "string" } }));
  if (route.query) {
    const json = schemas.convert(route.query) as { properties?: Record<string, JsonSchema>; required?: string[] };
    for (const [name, schema] of Object.entries(json.properties ?? {})) {
      const { description, ...rest } = schema;
      params.push({ name, in: "query", required: json.required?.includes(name) ?? false, ...(description ? { description } : {}), schema: rest });
    }
  }
  return params;
}

function requestBody(route: ApiRoute, schemas: SchemaCollector): JsonSchema | undefined {
  if (!route.body) return undefined;
  if ("multipart" in route.body) {
    const fields = schemas.convert(route.body.multipart) as { properties?: Record<string, JsonSchema> };
    const properties = { ...(fields.properties ?? {}), file: { type: "string", contentMediaType: "application/octet-stream", description: route.body.file } };
    return { required: true, content: { "multipart/form-data": { schema: { type: "object", properties, required: ["file"] } } } };
  }
  const optional = route.body.safeParse(undefined).success;
  return { required: !optional, content: { "application/json": { schema: schemas.convert(route.body) } } };
}

function responses(route: ApiRoute, schemas: SchemaCollector): JsonSchema {
  const { ok } = route;
  const content = ok.contentType ? { [ok.contentType]: {} } : { "application/json": ok.schema ? { schema: schemas.convert(ok.schema) } : {} };
  const out: JsonSchema = { [ok.status]: { description: ok.description, ...(route.rateLimit ? { headers: rateLimitHeaders } : {}), content } };
  for (const [status, codes] of routeErrors(route)) {
    const limited = status === 429 && route.rateLimit;
    out[status] = {
      description: `${STATUS_TEXT[status] ?? "Error"}: ${codes.join(", ")}`,
      ...(limited ? { headers: { "Retry-After": { $ref: "#/components/headers/Retry-After" }, ...rateLimitHeaders } } : {}),
      content: { "application/json": { schema: { $ref: "#/components/schemas/Error" }, examples: Object.fromEntries(codes.map((code) => [code, { value: { error: { code, message: "…" } } }])) } },
    };
  }
  return out;
}

const DESCRIPTION = `Murmur's HTTP API: JSON over HTTP. Every route except the public ones takes the browser's session cookie or \`Authorization: Bearer <token>\` (from POST /api/auth/token).
Every error is \`{"error": {"code", "message", retryAfter?, details?}}\` with the status of its code.

**Paging.** Message history (\`/api/conversations/{id}/messages\`, \`/api/rooms/{id}/topics/{topicId}/messages\`) pages by seq: \`after\` alone gives the first \`limit\` messages after it (catch-up), \`before\` alone the last \`limit\` before it (scrolling up), \`after\` and \`before\` together the first \`limit\` strictly between them (a gap, filled forwards), neither the latest \`limit\`. Always ascending; \`hasMore\` is true when more messages exist in the paging direction (forwards when \`after\` is given, up to \`before\`; else backwards). Lists (the inbox, people search, room members) take \`?cursor=&limit=\` (limit 1..${PAGING.limitMax}; without it the whole list) and answer \`nextCursor\` (null on the last page) and \`hasMore\`. The feed (\`/api/posts\`) answers \`nextCursor\`. Default history page: ${MESSAGE.pageSizeDefault}, at most ${MESSAGE.pageSizeMax}.

**Rate limits.** Routes counted against a limit (\`x-murmur-rate-limit\`) answer with the IETF RateLimit fields (draft-ietf-httpapi-ratelimit-headers): \`RateLimit-Policy: "<name>";q=<allowance>;w=<window seconds>\` and \`RateLimit: "<name>";r=<remaining>;t=<seconds to reset>\`, and the separate \`RateLimit-Limit\`, \`RateLimit-Remaining\`, \`RateLimit-Reset\`. A refusal is 429 \`RATE_LIMITED\` with \`retryAfter\` and \`Retry-After\`. The message send routes carry them on every answer; the other limits on refusals.

The Socket.IO events are in /api/asyncapi.json.`;

let cached: JsonSchema | null = null;

/** The document (built once per process). */
export function openApiDocument(): JsonSchema {
  if (cached) return cached;
  const schemas = new SchemaCollector("#/components/schemas/");
  const paths: Record<string, Record<string, JsonSchema>> = {};
  for (const route of API_ROUTES) {
    const operation: JsonSchema = {
      operationId: operationId(route),
      summary: route.summary,
      tags: [route.tag],
      security: route.auth === "public" ? [] : [{ bearer: [] }, { sessionCookie: [] }],
      parameters: parameters(route, schemas),
      requestBody: requestBody(route, schemas),
      responses: responses(route, schemas),
      ...(route.rateLimit ? { "x-murmur-rate-limit": { name: route.rateLimit, ...rateLimitPolicy(route.rateLimit) } } : {}),
      ...(route.paging ? { "x-murmur-paging": route.paging } : {}),
    };
    if (!operation.requestBody) delete operation.requestBody;
    paths[route.path] ??= {};
    paths[route.path][route.method.toLowerCase()] = operation;
  }
  const error = schemas.convert(
    z.object({
      error: z.object({
        code: z.enum(ERROR_CODES as [ErrorCode, ...ErrorCode[]]),
        message: z.string().meta({ description: "In the caller's language." }),
        retryAfter: z.number().int().optional().meta({ description: "Seconds until a refused action may be tried again." }),
        details: z.record(z.string(), z.unknown()).optional(),
      }),
    }),
  );
  cached = {
    openapi: "3.1.0",
    jsonSchemaDialect: "https://json-schema.org/draft/2020-12/schema",
    info: { title: "Murmur HTTP API", version: API_VERSION, description: DESCRIPTION },
    servers: [{ url: "/" }],
    tags: [...new Set(API_ROUTES.map((r) => r.tag))].map((name) => ({ name })),
    paths,
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer", description: "A token from POST /api/auth/token." },
        sessionCookie: { type: "apiKey", in: "cookie", name: "next-auth.session-token", description: "The browser's login (state-changing requests must be same-origin)." },
      },
      headers: {
        "RateLimit-Policy": { description: 'The limit\'s policy: `"<name>";q=<allowance>;w=<window seconds>`.', schema: { type: "string" } },
        RateLimit: { description: 'What is left: `"<name>";r=<remaining>;t=<seconds until the window resets>`.', schema: { type: "string" } },
        "RateLimit-Limit": { description: "The allowance in the current window.", schema: { type: "integer" } },
        "RateLimit-Remaining": { description: "What is left of it (0 on a refusal).", schema: { type: "integer" } },
        "RateLimit-Reset": { description: "Seconds until the window resets.", schema: { type: "integer" } },
        "Retry-After": { description: "Seconds to wait before trying again.", schema: { type: "integer" } },
      },
      schemas: { Error: error, ...schemas.components },
    },
  };
  return cached;
}
