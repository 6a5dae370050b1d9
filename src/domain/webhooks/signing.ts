// Webhook signatures in the Standard Webhooks form (standardwebhooks.com), so receivers can
// verify with its libraries: HMAC-SHA256 over "<id>.<timestamp>.<body>" with the secret's
// bytes, sent as `webhook-signature: v1,<base64>` beside `webhook-id` and `webhook-timestamp`.
import crypto from "node:crypto";

const PREFIX = "whsec_";

export const newWebhookSecret = (): string => PREFIX + crypto.randomBytes(24).toString("base64");

export function signatureOf(secret: string, id: string, timestamp: number, body: string): string {
  const key = Buffer.from(secret.startsWith(PREFIX) ? secret.slice(PREFIX.length) : secret, "base64");
  return `v1,${crypto.createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64")}`;
}

/** The headers of one attempt; the timestamp is the attempt's (a retry is signed again). */
export function signedHeaders(secret: string, id: string, body: string, now: Date): Record<string, string> {
  const timestamp = Math.floor(now.getTime() / 1000);
  return { "webhook-id": id, "webhook-timestamp": String(timestamp), "webhook-signature": signatureOf(secret, id, timestamp, body) };
}
