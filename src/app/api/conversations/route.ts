import { db } from "@/db/client";
import { listConversations } from "@/domain/conversations/inbox";
import { startConversation } from "@/domain/conversations/start";
import { ZStartConversation } from "@/shared/schemas/conversations";
import { authedRoute, parseJson } from "../_lib/route";

export const GET = authedRoute(async ({ userId }) => ({ body: { conversations: await listConversations(db(), userId) } }));

/** 201 {conversation, message} for a new conversation; 200 when the 1:1 existed or the start was retried. */
export const POST = authedRoute(async ({ req, userId }) => {
  const input = await parseJson(req, ZStartConversation);
  const { conversation, message, created } = await startConversation(db(), userId, input);
  return { status: created ? 201 : 200, body: { conversation, message } };
});
