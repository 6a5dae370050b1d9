// The thin shell around every route handler (in the spirit of dub's withWorkspace):
// identify the caller, run the handler, and map a DomainError to
// {error: {code, message}} with its status, translated for the caller.
import { NextResponse, type NextRequest } from "next/server";
import type { z } from "zod";
import { isSameOriginRequest } from "@/auth/same-origin";
import { bearerToken, identifySession } from "@/auth/tokens";
import { db } from "@/db/client";
import { DomainError, isDomainError, type RateLimitState } from "@/domain/errors";
import { errorMessage } from "@/i18n/errors";
import { LOCALE_COOKIE, localeForAccount, resolveLocale } from "@/i18n/negotiate";
import type { Locale } from "@/i18n/catalogues";
import { ERROR_STATUS, type ErrorCode } from "@/shared/errors";
import { HTTP, type TokenScope } from "@/shared/limits";
import { routeAccess, scopeAllows } from "@/shared/scopes";

const JSON_BODY_MAX_BYTES = HTTP.jsonBodyMaxBytes;

interface BaseContext<P> {
  req: NextRequest;
  params: P;
  locale: Locale;
}
export interface AuthedContext<P> extends BaseContext<P> {
  userId: string;
  /** The login this request came with (a cookie's or a bearer token's session). */
  sessionId: string;
  /** A personal access token's scopes; null: a browser session or password token (every right). */
  scopes: TokenScope[] | null;
}

type Result = Response | { status?: number; body: unknown; headers?: Record<string, string> };
type RouteArgs<P> = { params: Promise<P> };

export function errorResponse(code: ErrorCode, locale: Locale, detail?: string, extra: DomainError["extra"] = {}): NextResponse {
  const { rateLimit, ...fields } = extra;
  const body = { error: { code, message: errorMessage(code, locale, detail), ...fields } };
  return NextResponse.json(body, { status: ERROR_STATUS[code], headers: limitHeaders(extra) });
}

/** Retry-After, and the IETF RateLimit header fields on refusals of a named limit. */
function limitHeaders({ retryAfter, rateLimit }: DomainError["extra"]): Record<string, string> | undefined {
  if (!retryAfter && !rateLimit) return undefined;
  return { ...(retryAfter ? { "Retry-After": String(retryAfter) } : {}), ...rateLimitHeaders(rateLimit) };
}

/**
 * The IETF RateLimit header fields (draft-ietf-httpapi-ratelimit-headers) of a limit's state:
 * `RateLimit-Policy: "messages";q=20;w=10` and `RateLimit: "messages";r=7;t=4` (remaining, and
 * seconds until the window resets), and the earlier drafts' separate RateLimit-Limit,
 * RateLimit-Remaining and RateLimit-Reset, which many clients still read.
 */
export function rateLimitHeaders(state: RateLimitState | undefined): Record<string, string> {
  if (!state) return {};
  const headers: Record<string, string> = {
    "RateLimit-Limit": String(state.limit),
    "RateLimit-Remaining": String(state.remaining),
    "RateLimit-Reset": String(state.reset),
  };
  if (state.policy) {
    headers["RateLimit-Policy"] = `"${state.policy}";q=${state.limit}${state.window ? `;w=${state.window}` : ""}`;
    headers.RateLimit = `"${state.policy}";r=${state.remaining};t=${state.reset}`;
  }
  return headers;
}

function toResponse(result: Result): Response {
  return result instanceof Response ? result : NextResponse.json(result.body, { status: result.status ?? 200, headers: result.headers });
}

async function run(locale: Locale, fn: () => Promise<Result>): Promise<Response> {
  try {
    return toResponse(await fn());
  } catch (e) {
    if (isDomainError(e)) return errorResponse(e.code, locale, undefined, e.extra);
    console.error("route failed", e);
    return errorResponse("INTERNAL", locale);
  }
}

const localeOf = (req: NextRequest) => resolveLocale(req.cookies.get(LOCALE_COOKIE)?.value, req.headers.get("accept-language"));

/**
 * The caller's language: the account's setting. A browser carries it in the cookie we
 * keep in step with the account (no query); other clients (bearer tokens) get it read
 * from the account, one primary-key lookup.
 */
async function accountLocale(req: NextRequest, userId: string): Promise<Locale> {
  if (req.cookies.has(LOCALE_COOKIE)) return localeOf(req);
  const user = await db().user.findUnique({ where: { id: userId }, select: { locale: true } });
  return localeForAccount(user?.locale, req.headers.get("accept-language"));
}

export function publicRoute<P = Record<string, never>>(handler: (ctx: BaseContext<P>) => Promise<Result>) {
  return async (req: NextRequest, args: RouteArgs<P>) => {
    const locale = localeOf(req);
    return run(locale, async () => handler({ req, params: await args?.params, locale }));
  };
}

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** A cookie-authenticated change from another site (a forged form or fetch): refused. Bearer tokens are not sent by browsers on their own. */
function isCrossSiteWrite(req: NextRequest): boolean {
  if (SAFE_METHODS.has(req.method) || bearerToken(req.headers.get("authorization"))) return false;
  const h = req.headers;
  return !isSameOriginRequest({ host: h.get("host"), origin: h.get("origin"), "sec-fetch-site": h.get("sec-fetch-site"), "x-forwarded-proto": h.get("x-forwarded-proto") });
}

export function authedRoute<P = Record<string, never>>(handler: (ctx: AuthedContext<P>) => Promise<Result>) {
  return async (req: NextRequest, args: RouteArgs<P>) => {
    const identity = await identifySession({ authorization: req.headers.get("authorization"), cookie: req.headers.get("cookie") });
    if (!identity) return errorResponse("UNAUTHENTICATED", localeOf(req));
    const { userId, sessionId, scopes } = identity;
    if (isCrossSiteWrite(req)) return errorResponse("CSRF_REJECTED", localeOf(req));
    const locale = await accountLocale(req, userId);
    // What a personal access token may do is decided in one table (src/shared/scopes.ts); unlisted routes need full access.
    const need = routeAccess(req.method, req.nextUrl.pathname);
    if (!scopeAllows(scopes, need)) return errorResponse("INSUFFICIENT_SCOPE", locale, undefined, { details: { required: need, granted: scopes } });
    return run(locale, async () => handler({ req, params: await args?.params, locale, userId, sessionId, scopes }));
  };
}

/**
 * Parses a JSON body with a shared schema; bad input is VALIDATION_FAILED and changes
 * nothing. Only `application/json` (a form cannot send it across sites without CORS), and
 * at most JSON_BODY_MAX_BYTES: a longer body is 413 without reading the rest.
 */
export async function parseJson<S extends z.ZodType>(req: NextRequest, schema: S): Promise<z.infer<S>> {
  const type = req.headers.get("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (type !== undefined && type !== "application/json") throw new DomainError("UNSUPPORTED_CONTENT_TYPE", "The body must be application/json.");
  const text = await readBodyText(req, JSON_BODY_MAX_BYTES);
  // No body at all (a bare DELETE or POST): the schema decides whether that is enough.
  if (type === undefined && text === "") return parseWith(schema, undefined);
  if (type === undefined) throw new DomainError("UNSUPPORTED_CONTENT_TYPE", "The body must be application/json.");
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw new DomainError("VALIDATION_FAILED", "The body must be JSON.");
  }
  return parseWith(schema, raw);
}

async function readBodyText(req: NextRequest, maxBytes: number): Promise<string> {
  const tooLarge = () => new DomainError("BODY_TOO_LARGE", `The body is over ${maxBytes} bytes.`, { details: { maxBytes } });
  if (Number(req.headers.get("content-length") ?? 0) > maxBytes) throw tooLarge();
  if (!req.body) return "";
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

export function parseWith<S extends z.ZodType>(schema: S, raw: unknown): z.infer<S> {
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new DomainError("VALIDATION_FAILED", `${issue?.path.join(".") || "body"}: ${issue?.message}`, {
      details: { issues: parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })) },
    });
  }
  return parsed.data;
}
