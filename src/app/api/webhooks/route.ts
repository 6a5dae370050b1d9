import { authedRoute, parseJson } from "@/app/api/_lib/route";
import { db } from "@/db/client";
import { createWebhook, listWebhooks } from "@/domain/webhooks/hooks";
import { ZCreateWebhook } from "@/shared/schemas/webhooks";
import { pagedList } from "@/app/api/_lib/paged";

/** The caller's webhooks (without their secrets). */
export const GET = authedRoute(async ({ req, userId }) => ({ body: pagedList(req, "webhooks", await listWebhooks(db(), userId), (w) => w.id) }));

/** A new hook: `{url, events}`; the answer carries its signing secret, this once. */
export const POST = authedRoute(async ({ req, userId }) => ({ status: 201, body: await createWebhook(db(), userId, await parseJson(req, ZCreateWebhook)) }));
