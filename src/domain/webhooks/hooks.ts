// A user's webhooks: register (the secret is shown once), list, remove, turn back on, and
// the delivery log. Only the hook's own user sees or changes it; anyone else's id is a 404.
import type { Db } from "@/db/client";
import { DomainError, notFound } from "@/domain/errors";
import { ageOn } from "@/shared/age";
import { AGE, WEBHOOKS } from "@/shared/limits";
import type { CreateWebhookInput, WebhookDeliveryView, WebhookEvent, WebhookView } from "@/shared/schemas/webhooks";
import { forgetHookUsers } from "./subscribers";
import { newWebhookSecret } from "./signing";
import { checkTarget } from "./target-guard";

type HookRow = { id: string; url: string; events: string; createdAt: Date; disabledAt: Date | null; disabledReason: string | null };

const toView = (row: HookRow): WebhookView => ({
  id: row.id,
  url: row.url,
  events: JSON.parse(row.events) as WebhookEvent[],
  createdAt: row.createdAt.toISOString(),
  disabledAt: row.disabledAt?.toISOString() ?? null,
  disabledReason: row.disabledReason,
});

/** Adults only: a hook sends one's messages to a server outside Murmur. */
export async function createWebhook(db: Db, userId: string, input: CreateWebhookInput): Promise<{ webhook: WebhookView; secret: string }> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { birthDate: true } });
  if (!user || ageOn(user.birthDate) < AGE.adult) throw new DomainError("AGE_RESTRICTED", "Webhooks are for accounts 18 and over.");
  const url = await checkTarget(input.url);
  if ((await db.webhook.count({ where: { userId } })) >= WEBHOOKS.perUser) throw new DomainError("NOT_ALLOWED", `At most ${WEBHOOKS.perUser} webhooks.`);
  const secret = newWebhookSecret();
  const row = await db.webhook.create({ data: { userId, url: url.toString(), events: JSON.stringify(input.events), secret } });
  forgetHookUsers();
  return { webhook: toView(row), secret };
}

export async function listWebhooks(db: Db, userId: string): Promise<WebhookView[]> {
  const rows = await db.webhook.findMany({ where: { userId }, orderBy: { createdAt: "asc" } });
  return rows.map(toView);
}

async function ownHook(db: Db, userId: string, hookId: string) {
  const row = await db.webhook.findUnique({ where: { id: hookId } });
  if (!row || row.userId !== userId) throw notFound("No such webhook");
  return row;
}

export async function deleteWebhook(db: Db, userId: string, hookId: string): Promise<void> {
  await ownHook(db, userId, hookId);
  await db.webhook.delete({ where: { id: hookId } });
  forgetHookUsers();
}

/** Back on after it was turned off for failing: new events are delivered again (the given-up ones stay in the log). */
export async function enableWebhook(db: Db, userId: string, hookId: string): Promise<WebhookView> {
  await ownHook(db, userId, hookId);
  const row = await db.webhook.update({ where: { id: hookId }, data: { disabledAt: null, disabledReason: null } });
  forgetHookUsers();
  return toView(row);
}

export async function listDeliveries(db: Db, userId: string, hookId: string): Promise<WebhookDeliveryView[]> {
  await ownHook(db, userId, hookId);
  const rows = await db.webhookDelivery.findMany({ where: { webhookId: hookId }, orderBy: { createdAt: "desc" }, take: WEBHOOKS.logShown });
  return rows.map((d) => ({
    id: d.id,
    event: d.event,
    status: d.status as WebhookDeliveryView["status"],
    attempts: d.attempts,
    lastStatus: d.lastStatus,
    lastError: d.lastError,
    createdAt: d.createdAt.toISOString(),
    deliveredAt: d.deliveredAt?.toISOString() ?? null,
    nextAttemptAt: d.status === "pending" ? d.nextAttemptAt.toISOString() : null,
  }));
}
