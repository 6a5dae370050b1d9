// A flood of logins is refused here, in the server's own request handler, before Next
// routes it or its body is read: a login from an address that is locked already, and
// any login while the password-hashing queue is full. Each refusal costs microseconds
// instead of a trip through Next, so the flood cannot take the CPU from everyone else.
// The answers are the ones the routes give (429 with the code, retryAfter, Retry-After);
// next-auth's credentials callback also gets the `url` its client reads the error from.
import type { IncomingMessage, ServerResponse } from "node:http";
import { ownOrigin } from "@/auth/same-origin";
import { assertAddressAllowed } from "@/domain/accounts/login-throttle";
import { hashQueueFull, hashQueueFullError } from "@/domain/accounts/password-queue";
import { isDomainError, type DomainError } from "@/domain/errors";
import { errorMessage } from "@/i18n/errors";
import { localeOfRequest } from "./request-locale";
import { ERROR_STATUS } from "@/shared/errors";
import { CLIENT_ADDRESS_HEADER } from "./client-address";

const TOKEN_LOGIN = "/api/auth/token";
const BROWSER_LOGIN = "/api/auth/callback/credentials";

function loginPath(req: IncomingMessage): string | null {
  if (req.method !== "POST") return null;
  const path = (req.url ?? "").split("?")[0];
  return path === TOKEN_LOGIN || path === BROWSER_LOGIN ? path : null;
}

/** Why a login must be refused before it is read, or null to let it through. */
async function refusal(req: IncomingMessage): Promise<DomainError | null> {
  if (hashQueueFull()) return hashQueueFullError();
  const address = req.headers[CLIENT_ADDRESS_HEADER];
  if (typeof address !== "string") return null;
  try {
    await assertAddressAllowed(address);
    return null;
  } catch (e) {
    if (isDomainError(e)) return e;
    return null; // the limiter's store is away: the route's own checks still run
  }
}

function answer(req: IncomingMessage, res: ServerResponse, path: string, e: DomainError): void {
  const retryAfter = e.extra.retryAfter ?? 1;
  const body: Record<string, unknown> = { error: { code: e.code, message: errorMessage(e.code, localeOfRequest(req)), retryAfter } };
  if (path === BROWSER_LOGIN) {
    const origin = ownOrigin({ host: req.headers.host, "x-forwarded-proto": req.headers["x-forwarded-proto"] as string | undefined }) ?? "http://localhost";
    body.url = `${origin}/api/auth/error?${new URLSearchParams({ error: `${e.code}:${retryAfter}` })}`;
  }
  res.writeHead(ERROR_STATUS[e.code], { "content-type": "application/json", "retry-after": String(retryAfter), "cache-control": "no-store" });
  res.end(JSON.stringify(body));
}

/**
 * For a login: a promise of whether it was refused (and answered here). For anything
 * else null, so every other request goes on without waiting.
 */
export function refuseLoginFlood(req: IncomingMessage, res: ServerResponse): Promise<boolean> | null {
  const path = loginPath(req);
  if (!path) return null;
  return refusal(req).then((e) => {
    if (e) answer(req, res, path, e);
    return e !== null;
  });
}
