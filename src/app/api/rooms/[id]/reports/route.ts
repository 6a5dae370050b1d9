// The reports about this room's messages, for its creator and moderators.
import { authedRoute } from "@/app/api/_lib/route";
import { db } from "@/db/client";
import { listRoomReports } from "@/domain/safety/reports";
import { pagedList } from "@/app/api/_lib/paged";

type P = { id: string };

export const GET = authedRoute<P>(async ({ req, params, userId }) => ({ body: pagedList(req, "reports", await listRoomReports(db(), params.id, userId), (r) => r.id) }));
