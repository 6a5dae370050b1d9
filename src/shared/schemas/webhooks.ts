import { z } from "zod";
import "./zod-config";
import { SERVER_EVENT_NAMES, type ServerEventName } from "../events";
import { WEBHOOKS } from "../limits";

/** What a webhook can subscribe to: every push a user's sockets get, but the connection's own. */
export const WEBHOOK_EVENTS = SERVER_EVENT_NAMES.filter((name) => name !== "hello" && name !== "rooms:ready") as Exclude<ServerEventName, "hello" | "rooms:ready">[];
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

export const ZCreateWebhook = z.object({
  url: z.string().trim().min(1).max(WEBHOOKS.urlMax),
  events: z
    .array(z.enum(WEBHOOK_EVENTS as [WebhookEvent, ...WebhookEvent[]]))
    .min(1)
    .max(WEBHOOK_EVENTS.length)
    .transform((events) => [...new Set(events)]),
});
export type CreateWebhookInput = z.infer<typeof ZCreateWebhook>;

/** The wire shape of a hook; its secret only in the answer that creates it. */
export interface WebhookView {
  id: string;
  url: string;
  events: WebhookEvent[];
  createdAt: string;
  disabledAt: string | null;
  disabledReason: string | null;
}

export interface WebhookDeliveryView {
  id: string;
  event: string;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
  nextAttemptAt: string | null;
}
