import { db } from "@/db/client";
import { listFollowRequests } from "@/domain/platform/follows";
import { authedRoute } from "../../_lib/route";

/** The requests to follow this (private) account, oldest first. */
export const GET = authedRoute(async ({ userId }) => ({ body: { requests: await listFollowRequests(db(), userId) } }));
