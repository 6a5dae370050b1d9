import { authedRoute } from "@/app/api/_lib/route";
import { db } from "@/db/client";
import { enableWebhook } from "@/domain/webhooks/hooks";

/** Turns a hook that was turned off for failing back on. */
export const POST = authedRoute<{ id: string }>(async ({ params, userId }) => ({ body: { webhook: await enableWebhook(db(), userId, params.id) } }));
