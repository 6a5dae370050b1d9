import { db } from "@/db/client";
import { listConversations } from "@/domain/conversations/inbox";
import { startConversation } from "@/domain/conversations/start";
import { pageOf } from "@/domain/paging";
import { ZStartConversation } from "@/shared/schemas/conversations";
import { ZPageQuery } from "@/shared/schemas/paging";
import { authedRoute, parseJson, parseWith } from "../_lib/route";

/** The inbox by last activity; `?cursor=&limit=` pages it (without a limit: all of it). */
export const GET = authedRoute(async ({ req, userId }) => {
  const query = parseWith(ZPageQuery, Object.fromEntries(req.nextUrl.searchParams));
  const conversations = await listConversations(db(), userId);
  // Sorted by (lastMessageAt, id) descending, which is this key's order: a conversation that moves up is not repeated.
  const { items, nextCursor, hasMore } = pageOf(conversations, query, (c) => `${c.lastMessageAt} ${c.id}`, "keyset");
  return { body: { conversations: items, nextCursor, hasMore } };
});

/** 201 {conversation, message} for a new conversation; 200 when the 1:1 existed or the start was retried. */
export const POST = authedRoute(async ({ req, userId }) => {
  const input = await parseJson(req, ZStartConversation);
  const { conversation, message, created } = await startConversation(db(), userId, input);
  return { status: created ? 201 : 200, body: { conversation, message } };
});
