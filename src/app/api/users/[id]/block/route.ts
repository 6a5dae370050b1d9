import { db } from "@/db/client";
import { blockUser, unblockUser } from "@/domain/conversations/blocks";
import { authedRoute } from "../../../_lib/route";

type P = { id: string };

export const POST = authedRoute<P>(async ({ userId, params }) => ({ body: await blockUser(db(), userId, params.id) }));
export const DELETE = authedRoute<P>(async ({ userId, params }) => ({ body: await unblockUser(db(), userId, params.id) }));
