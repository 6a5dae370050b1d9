import { authedRoute, parseJson } from "@/app/api/_lib/route";
import { db } from "@/db/client";
import { createWebhook, listWebhooks } from "@/domain/webhooks/hooks";
import { ZCreateWebhook } from "@/shared/schemas/webhooks";

/** The caller's webhooks (without their secrets). */
export const GET = authedRoute(async ({ userId }) => ({ body: { webhooks: await listWebhooks(db(), userId) } }));

/** A new hook: `{url, events}`; the answer carries its signing secret, this once. */
export const POST = authedRoute(async ({ req, userId }) => ({ status: 201, body: await createWebhook(db(), userId, await parseJson(req, ZCreateWebhook)) }));
