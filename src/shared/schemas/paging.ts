// Cursor paging for the lists that were answered whole (the inbox, people search, a room's
// members): `?cursor=&limit=`. Without `limit` the whole list comes back, as before (the
// browser relies on it), with `nextCursor: null, hasMore: false`. With it, a page of at most
// `limit` items and, when more follow, `hasMore: true` and the `nextCursor` to pass next.
import { z } from "zod";
import "./zod-config";
import { PAGING } from "../limits";
import { singleLine } from "./text";

export const ZPageQuery = z.object({
  cursor: singleLine(z.string().min(1).max(200)).optional().meta({ description: "The nextCursor of the previous page (opaque)." }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(PAGING.limitMax)
    .optional()
    .meta({ description: `1..${PAGING.limitMax}; without it, the whole list.` }),
});
export type PageQuery = z.infer<typeof ZPageQuery>;

/** What a paged list adds to its answer. */
export interface PageInfo {
  nextCursor: string | null;
  hasMore: boolean;
}
