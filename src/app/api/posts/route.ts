import { db } from "@/db/client";
import { feed } from "@/domain/platform/posts";
import { ZFeedQuery } from "@/shared/schemas/platform";
import { authedRoute, parseWith } from "../_lib/route";

export const GET = authedRoute(async ({ req, userId }) => {
  const q = req.nextUrl.searchParams;
  const options = parseWith(ZFeedQuery, { cursor: q.get("cursor") ?? undefined, limit: q.get("limit") ?? undefined });
  return { body: await feed(db(), userId, options) };
});
