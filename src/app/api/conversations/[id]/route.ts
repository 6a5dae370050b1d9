import { db } from "@/db/client";
import { getConversation } from "@/domain/conversations/inbox";
import { deleteConversation, patchConversation } from "@/domain/conversations/manage";
import { ZConversationPatch } from "@/shared/schemas/conversations";
import { authedRoute, parseJson } from "../../_lib/route";

type P = { id: string };

export const GET = authedRoute<P>(async ({ userId, params }) => ({ body: { conversation: await getConversation(db(), userId, params.id) } }));

/** {title?, muted?} → {conversation, message: the "renamed" system message or null}. */
export const PATCH = authedRoute<P>(async ({ req, userId, params }) => {
  const patch = await parseJson(req, ZConversationPatch);
  return { body: await patchConversation(db(), userId, params.id, patch) };
});

/** Deletes the conversation from the caller's inbox (a group request: declines it by leaving). */
export const DELETE = authedRoute<P>(async ({ userId, params }) => {
  await deleteConversation(db(), userId, params.id);
  return { body: { deleted: true } };
});
