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
export const ZWebhookView = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.enum(WEBHOOK_EVENTS as [WebhookEvent, ...WebhookEvent[]])),
  createdAt: z.string(),
  disabledAt: z.string().nullable(),
  disabledReason: z.string().nullable().meta({ description: '"failing" when it was turned off after failing for the whole retry period' }),
});
export type WebhookView = z.infer<typeof ZWebhookView>;

export const ZWebhookDeliveryView = z.object({
  id: z.string().meta({ description: "The webhook-id header: the same on every retry" }),
  event: z.string(),
  status: z.enum(["pending", "delivered", "failed"]),
  attempts: z.number().int(),
  lastStatus: z.number().int().nullable(),
  lastError: z.string().nullable(),
  createdAt: z.string(),
  deliveredAt: z.string().nullable(),
  nextAttemptAt: z.string().nullable(),
});
export type WebhookDeliveryView = z.infer<typeof ZWebhookDeliveryView>;
