import { db } from "@/db/client";
import { listBlocked } from "@/domain/conversations/blocks";
import { authedRoute } from "../../_lib/route";
import { pagedList } from "@/app/api/_lib/paged";

export const GET = authedRoute(async ({ req, userId }) => ({ body: pagedList(req, "users", await listBlocked(db(), userId), (u) => u.id) }));
