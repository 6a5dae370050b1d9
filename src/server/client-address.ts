// The caller's address for per-address limits. The server stamps it on every request
// (overwriting whatever a client sent under that name), so route handlers, which see no
// socket, can read it. Behind a proxy the operator sets TRUST_PROXY to the number of
// proxies in front; their X-Forwarded-For entries are taken from the right.
import type { IncomingMessage } from "node:http";

export const CLIENT_ADDRESS_HEADER = "x-murmur-client-address";

/** How many proxies the operator says stand in front (TRUST_PROXY). */
export const trustedProxyHops = () => Math.max(0, Number(process.env.TRUST_PROXY ?? 0) || 0);

export function clientAddressOf(req: IncomingMessage): string {
  const direct = req.socket.remoteAddress ?? "unknown";
  const hops = trustedProxyHops();
  if (!hops) return direct;
  const forwarded = String(req.headers["x-forwarded-for"] ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  // Our proxies appended the last `hops` entries; the first of those is what the outermost one saw.
  return forwarded[forwarded.length - hops] ?? direct;
}

export function stampClientAddress(req: IncomingMessage): void {
  req.headers[CLIENT_ADDRESS_HEADER] = clientAddressOf(req);
}
