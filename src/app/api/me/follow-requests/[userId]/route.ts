import { db } from "@/db/client";
import { approveFollowRequest, declineFollowRequest } from "@/domain/platform/follows";
import { authedRoute } from "../../../_lib/route";

/** Approve: the requester now follows this account. */
export const POST = authedRoute<{ userId: string }>(async ({ params, userId }) => ({ body: await approveFollowRequest(db(), userId, params.userId) }));
/** Decline: the request goes away; the requester is not told. */
export const DELETE = authedRoute<{ userId: string }>(async ({ params, userId }) => ({ body: await declineFollowRequest(db(), userId, params.userId) }));
