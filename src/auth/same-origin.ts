// Where a browser request came from. The app's own origin is NEXTAUTH_URL's when the
// operator set it (the public address behind a proxy), else the Host header with the
// scheme the server sees (X-Forwarded-Proto when TRUST_PROXY says a proxy is in front);
// ALLOWED_ORIGINS may list more. Scheme, host and port must all match.
import { trustedProxyHops } from "@/server/client-address";

type Headers = { host?: string | null; "x-forwarded-proto"?: string | null };

function allowedOrigins(): string[] {
  return (process.env.ALLOWED_ORIGINS ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The public URL the operator set (NEXTAUTH_URL), if any; not the one derived for a local start. */
function configuredOrigin(): string | null {
  const configured = process.env.MURMUR_NEXTAUTH_URL_DERIVED ? undefined : process.env.NEXTAUTH_URL;
  if (!configured) return null;
  try {
    return new URL(configured).origin;
  } catch {
    return null; // a malformed setting: fall back to the request's own
  }
}

/** The scheme this site is served with: the configured URL's, or X-Forwarded-Proto's behind a trusted proxy, else http. */
export function ownScheme(headers: Headers): "http" | "https" {
  const configured = configuredOrigin();
  if (configured) return configured.startsWith("https:") ? "https" : "http";
  const forwarded = trustedProxyHops() > 0 ? headers["x-forwarded-proto"]?.split(",")[0]?.trim() : undefined;
  return forwarded === "https" ? "https" : "http";
}

export function ownOrigin(headers: Headers): string | null {
  const configured = configuredOrigin();
  if (configured) return configured;
  return headers.host ? `${ownScheme(headers)}://${headers.host}` : null;
}

/** Whether an Origin header names this site (or one the operator allowed). */
export function isOwnOrigin(origin: string, headers: Headers): boolean {
  if (allowedOrigins().includes(origin)) return true;
  return origin === ownOrigin(headers);
}

/**
 * WebSocket upgrades: a browser always sends Origin, and it must be this site. Clients
 * without a browser send none and authenticate with a bearer token instead.
 */
export const isAllowedSocketOrigin = (origin: string | undefined, headers: Headers): boolean => !origin || isOwnOrigin(origin, headers);

/**
 * A state-changing request authenticated by the session cookie must show it came from this
 * site: Sec-Fetch-Site "same-origin", or else an Origin of this site. A form or a fetch from
 * another site (which the cookie would otherwise ride along with) shows neither.
 */
export function isSameOriginRequest(headers: Headers & { origin?: string | null; "sec-fetch-site"?: string | null }): boolean {
  const site = headers["sec-fetch-site"];
  if (site) return site === "same-origin";
  return !!headers.origin && isOwnOrigin(headers.origin, headers);
}
