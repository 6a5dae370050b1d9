import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * Fills in what a first start needs and an operator may not have set:
 * a signing secret (made once and kept in ./data) and no telemetry. next-auth trusts the
 * Host/X-Forwarded-Host headers only when the operator sets AUTH_TRUST_HOST (or NEXTAUTH_URL).
 */
export function prepareEnvironment(): void {
  process.env.NEXT_TELEMETRY_DISABLED ??= "1";
  // next-auth builds its redirects (after a logout, say) from NEXTAUTH_URL and, without it or
  // AUTH_TRUST_HOST, falls back to localhost:3000. A local start gets its own address; the
  // same-origin check keeps comparing with the request's host (the value is only derived).
  if (!process.env.NEXTAUTH_URL && !process.env.AUTH_TRUST_HOST) {
    const host = !process.env.HOST || process.env.HOST === "0.0.0.0" ? "localhost" : process.env.HOST;
    process.env.NEXTAUTH_URL = `http://${host}:${process.env.PORT ?? 3000}`;
    process.env.MURMUR_NEXTAUTH_URL_DERIVED = "1";
  }
  if (!process.env.NEXTAUTH_SECRET) {
    const file = path.resolve(process.env.MURMUR_DATA_DIR ?? "data", "auth-secret");
    if (!fs.existsSync(file)) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, crypto.randomBytes(32).toString("base64url"), { mode: 0o600 });
    }
    process.env.NEXTAUTH_SECRET = fs.readFileSync(file, "utf8").trim();
  }
}
