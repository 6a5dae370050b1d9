// A list answered in the paging convention (README: Paging): `?cursor=&limit=` pages a
// list the domain built whole and ordered; without `limit`, all of it, as before.
import type { NextRequest } from "next/server";
import { pageOf } from "@/domain/paging";
import { ZPageQuery } from "@/shared/schemas/paging";
import { parseWith } from "./route";

export function pagedList<K extends string, T>(req: NextRequest, name: K, items: T[], keyOf: (item: T) => string): Record<K, T[]> & { nextCursor: string | null; hasMore: boolean } {
  const query = parseWith(ZPageQuery, Object.fromEntries(req.nextUrl.searchParams));
  const { items: page, nextCursor, hasMore } = pageOf(items, query, keyOf, "position");
  return { [name]: page, nextCursor, hasMore } as Record<K, T[]> & { nextCursor: string | null; hasMore: boolean };
}
