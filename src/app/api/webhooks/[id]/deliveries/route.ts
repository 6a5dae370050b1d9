import { authedRoute } from "@/app/api/_lib/route";
import { db } from "@/db/client";
import { listDeliveries } from "@/domain/webhooks/hooks";
import { pagedList } from "@/app/api/_lib/paged";

/** The hook's delivery log, newest first. */
export const GET = authedRoute<{ id: string }>(async ({ req, params, userId }) => ({ body: pagedList(req, "deliveries", await listDeliveries(db(), userId, params.id), (d) => d.id) }));
