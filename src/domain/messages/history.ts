// History: a page of a conversation's messages in ascending seq.
//   after=A            the first `limit` messages after A (catch-up after a reconnect)
//   before=B           the last `limit` messages before B (scrolling up)
//   after=A&before=B   the first `limit` messages strictly between them (a gap, filled forwards)
//   neither            the latest `limit` messages
// hasMore: more messages exist in the paging direction (after the page when `after` is
// given, up to B; else before the page, above what the caller may see).
// Messages the caller hid (a deleted conversation, or before they joined a group) are left out.
import type { Db } from "@/db/client";
import { loadForMember } from "@/domain/conversations/access";
import { messagesFor } from "@/domain/conversations/visibility";
import type { HistoryQuery } from "@/shared/schemas/messages";
import { messageInclude, toMessageView, type MessageView } from "./view";

export interface HistoryPage {
  messages: MessageView[];
  hasMore: boolean;
}

export async function listMessagePage(db: Db, userId: string, conversationId: string, query: HistoryQuery): Promise<HistoryPage> {
  const { me } = await loadForMember(db, conversationId, userId);
  const floor = Math.max(me.hiddenUpToSeq, query.after ?? 0);
  const seq = { gt: floor, ...(query.before !== undefined ? { lt: query.before } : {}) };
  const ascending = query.after !== undefined;
  const rows = await db.message.findMany({
    where: { conversationId, seq },
    orderBy: { seq: ascending ? "asc" : "desc" },
    take: query.limit + 1, // one more tells whether more follow in the paging direction
    include: messageInclude,
  });
  const hasMore = rows.length > query.limit;
  if (hasMore) rows.pop();
  if (!ascending) rows.reverse();
  return { messages: messagesFor(me, rows.map(toMessageView)), hasMore };
}
