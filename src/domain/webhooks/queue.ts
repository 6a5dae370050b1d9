// The durable queue: each push to a user with a webhook on for that event becomes a row,
// written after the change it reports was committed (as the socket push is), and delivered
// by every node's worker (deliver.ts) until it is received or given up on.
import crypto from "node:crypto";
import type { Db } from "@/db/client";
import type { ServerEvents } from "@/shared/events";
import { hookUsers } from "./subscribers";

const registry = globalThis as unknown as { __murmurWebhookWake?: () => void };

/** The worker of this process, told there is something to deliver now (not at its next sweep). */
export function onWebhookQueued(wake: (() => void) | undefined): void {
  registry.__murmurWebhookWake = wake;
}

/** What a receiver gets: the event's name, when it happened, and the push's payload itself. */
export const deliveryBody = (event: string, data: unknown, at: Date) => JSON.stringify({ type: event, timestamp: at.toISOString(), data });

export async function queueForUsers<E extends keyof ServerEvents>(db: Db, userIds: readonly string[], event: E, payload: ServerEvents[E]): Promise<void> {
  const users = await hookUsers(db);
  if (!users.size) return;
  const hooks = [...new Set(userIds)].flatMap((userId) => (users.get(userId) ?? []).filter((h) => h.events.has(event)));
  if (!hooks.length) return;
  const now = new Date();
  const payloadJson = deliveryBody(event, payload, now);
  await db.webhookDelivery.createMany({
    data: hooks.map((h) => ({ id: `msg_${crypto.randomBytes(12).toString("base64url")}`, webhookId: h.hookId, event, payload: payloadJson, nextAttemptAt: now, createdAt: now })),
  });
  registry.__murmurWebhookWake?.();
}

/** A room channel's push: to the members of the room with hooks. */
export async function queueForRoom<E extends keyof ServerEvents>(db: Db, roomId: string, event: E, payload: ServerEvents[E]): Promise<void> {
  const users = await hookUsers(db);
  if (!users.size) return;
  const members = await db.roomMember.findMany({ where: { roomId, userId: { in: [...users.keys()] } }, select: { userId: true } });
  await queueForUsers(
    db,
    members.map((m) => m.userId),
    event,
    payload,
  );
}
