import { authedRoute, parseWith } from "@/app/api/_lib/route";
import { db } from "@/db/client";
import { pageOf } from "@/domain/paging";
import { listMembers } from "@/domain/rooms/membership";
import { ZPageQuery } from "@/shared/schemas/paging";

/** The members, staff first; `?cursor=&limit=` pages them. */
export const GET = authedRoute<{ id: string }>(async ({ req, params, userId }) => {
  const query = parseWith(ZPageQuery, Object.fromEntries(req.nextUrl.searchParams));
  const { items, nextCursor, hasMore } = pageOf(await listMembers(db(), params.id, userId), query, (m) => m.id, "position");
  return { body: { members: items, nextCursor, hasMore } };
});
