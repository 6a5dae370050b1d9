import { db } from "@/db/client";
import { pageOf } from "@/domain/paging";
import { searchPeople } from "@/domain/platform/people";
import { ZPeopleSearch } from "@/shared/schemas/platform";
import { authedRoute, parseWith } from "../_lib/route";

/** People search, best matches first; `?cursor=&limit=` pages it. */
export const GET = authedRoute(async ({ req, userId }) => {
  const q = req.nextUrl.searchParams;
  const { query, ...paging } = parseWith(ZPeopleSearch, { query: q.get("query") ?? "", cursor: q.get("cursor") ?? undefined, limit: q.get("limit") ?? undefined });
  const { items, nextCursor, hasMore } = pageOf(await searchPeople(db(), userId, query), paging, (u) => u.id, "position");
  return { body: { users: items, nextCursor, hasMore } };
});
