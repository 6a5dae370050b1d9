import { db } from "@/db/client";
import { listBlocked } from "@/domain/conversations/blocks";
import { authedRoute } from "../../_lib/route";

export const GET = authedRoute(async ({ userId }) => ({ body: { users: await listBlocked(db(), userId) } }));
