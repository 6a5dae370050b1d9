import { authedRoute } from "@/app/api/_lib/route";
import { db } from "@/db/client";
import { deleteWebhook } from "@/domain/webhooks/hooks";

/** Removes the hook and its queue. */
export const DELETE = authedRoute<{ id: string }>(async ({ params, userId }) => {
  await deleteWebhook(db(), userId, params.id);
  return { body: { ok: true } };
});
