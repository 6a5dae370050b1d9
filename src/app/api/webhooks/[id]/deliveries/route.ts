import { authedRoute } from "@/app/api/_lib/route";
import { db } from "@/db/client";
import { listDeliveries } from "@/domain/webhooks/hooks";

/** The hook's delivery log, newest first. */
export const GET = authedRoute<{ id: string }>(async ({ params, userId }) => ({ body: { deliveries: await listDeliveries(db(), userId, params.id) } }));
