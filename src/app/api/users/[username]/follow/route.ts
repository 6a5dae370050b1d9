// The segment is named "username" because it shares its level with the profile route;
// here it carries a user id, as in the contract (POST /api/users/:id/follow).
import { db } from "@/db/client";
import { follow, unfollow } from "@/domain/platform/follows";
import { authedRoute } from "../../../_lib/route";

export const POST = authedRoute<{ username: string }>(async ({ params, userId }) => ({ body: await follow(db(), userId, params.username) }));
export const DELETE = authedRoute<{ username: string }>(async ({ params, userId }) => ({ body: await unfollow(db(), userId, params.username) }));
