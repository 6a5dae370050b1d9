// The segment is named "username" because it shares its level with the profile route
// (Next refuses two slug names at one level); here it carries a user id, as in the contract.
import { db } from "@/db/client";
import { blockUser, unblockUser } from "@/domain/conversations/blocks";
import { authedRoute } from "../../../_lib/route";

type P = { username: string };

export const POST = authedRoute<P>(async ({ userId, params }) => ({ body: await blockUser(db(), userId, params.username) }));
export const DELETE = authedRoute<P>(async ({ userId, params }) => ({ body: await unblockUser(db(), userId, params.username) }));
