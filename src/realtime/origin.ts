/**
 * A browser always sends Origin on a WebSocket or cross-site request; it must be this
 * site (same host) or one listed in ALLOWED_ORIGINS. Clients without a browser send
 * none and authenticate with a bearer token instead.
 */
export function isAllowedOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (!origin) return true;
  const allowed = (process.env.ALLOWED_ORIGINS ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  if (allowed.includes(origin)) return true;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
