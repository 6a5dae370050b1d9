// Security headers. The Content-Security-Policy of pages is built per request with a
// nonce (src/proxy.ts); the rest is the same for every response and set by the server.
// Pages load scripts only with the nonce, talk only to this origin, and are never framed.
import { ownScheme } from "@/auth/same-origin";

/** Headers every response carries (HSTS only where the site is served over HTTPS). */
export function staticSecurityHeaders(headers: { "x-forwarded-proto"?: string | null }): Record<string, string> {
  return {
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "strict-origin-when-cross-origin",
    // The camera and microphone for the composer, on this site only; nothing else.
    "Permissions-Policy": "camera=(self), microphone=(self), geolocation=(), payment=(), usb=(), browsing-topics=()",
    "Cross-Origin-Opener-Policy": "same-origin",
    ...(ownScheme(headers) === "https" ? { "Strict-Transport-Security": "max-age=31536000; includeSubDomains" } : {}),
  };
}

/** Where media bytes may come from besides this origin: the S3 store, when viewers are redirected to it. */
function mediaOrigins(env: Record<string, string | undefined> = process.env): string[] {
  if (env.MEDIA_STORAGE !== "s3" || env.MEDIA_DELIVERY !== "redirect" || !env.S3_BUCKET) return [];
  const region = env.S3_REGION || "us-east-1";
  if (!env.S3_ENDPOINT) return [`https://${env.S3_BUCKET}.s3.${region}.amazonaws.com`, `https://s3.${region}.amazonaws.com`];
  try {
    const endpoint = new URL(env.S3_ENDPOINT);
    return env.S3_FORCE_PATH_STYLE === "true" ? [endpoint.origin] : [endpoint.origin, `${endpoint.protocol}//${env.S3_BUCKET}.${endpoint.host}`];
  } catch {
    return [];
  }
}

/** The page policy: scripts and styles only with this request's nonce; React's style attributes allowed. */
export function contentSecurityPolicy(nonce: string, { dev = process.env.NODE_ENV !== "production" } = {}): string {
  const media = ["'self'", "blob:", "data:", ...mediaOrigins()].join(" ");
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    `img-src ${media}`,
    `media-src ${media}`,
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}

/** For API responses: nothing may run or load, nothing may frame them. */
export const API_POLICY = "default-src 'none'; frame-ancestors 'none'; sandbox";
