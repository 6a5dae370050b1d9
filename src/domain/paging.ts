// Cursor paging over a list the domain has already ordered (the inbox, people search, a
// room's members: short lists, built whole). Without a limit the whole list comes back, as
// before. The cursor is opaque to clients: base64url of the last item's key.
//   - "keyset": the list is sorted by key, descending (the inbox: last activity, then id);
//     the next page starts after the cursor's key, so an item that moved up is not repeated
//     and none is skipped.
//   - "position": the next page starts after the item whose key the cursor holds (a ranked
//     list); an unknown cursor is VALIDATION_FAILED.
import { DomainError } from "@/domain/errors";
import type { PageInfo, PageQuery } from "@/shared/schemas/paging";

const encode = (key: string) => Buffer.from(key, "utf8").toString("base64url");
const decode = (cursor: string) => Buffer.from(cursor, "base64url").toString("utf8");
const badCursor = () => new DomainError("VALIDATION_FAILED", "cursor: not a cursor of this list", { details: { issues: [{ path: "cursor", message: "unknown cursor" }] } });

export function pageOf<T>(items: T[], query: PageQuery, keyOf: (item: T) => string, mode: "keyset" | "position"): { items: T[] } & PageInfo {
  let start = 0;
  if (query.cursor) {
    const key = decode(query.cursor);
    if (!key) throw badCursor();
    if (mode === "keyset") {
      start = items.findIndex((item) => keyOf(item) < key);
      if (start < 0) start = items.length;
    } else {
      const at = items.findIndex((item) => keyOf(item) === key);
      if (at < 0) throw badCursor();
      start = at + 1;
    }
  }
  const rest = items.slice(start);
  const limit = query.limit ?? rest.length;
  const page = rest.slice(0, limit);
  const hasMore = rest.length > page.length;
  return { items: page, nextCursor: hasMore && page.length ? encode(keyOf(page[page.length - 1])) : null, hasMore };
}
