import { db } from "@/db/client";
import { listFollowRequests } from "@/domain/platform/follows";
import { authedRoute } from "../../_lib/route";
import { pagedList } from "@/app/api/_lib/paged";

/** The requests to follow this (private) account, oldest first. */
export const GET = authedRoute(async ({ req, userId }) => ({ body: pagedList(req, "requests", await listFollowRequests(db(), userId), (r) => r.user.id) }));
