import { authedRoute } from "@/app/api/_lib/route";
import { db } from "@/db/client";
import { readModerationLog } from "@/domain/rooms/log";
import { pagedList } from "@/app/api/_lib/paged";

export const GET = authedRoute<{ id: string }>(async ({ req, params, userId }) => ({ body: pagedList(req, "entries", await readModerationLog(db(), params.id, userId), (e) => e.id) }));
