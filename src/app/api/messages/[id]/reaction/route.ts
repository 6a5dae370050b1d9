import { db } from "@/db/client";
import { reactToMessage } from "@/domain/messages/change";
import { ZReaction } from "@/shared/schemas/messages";
import { authedRoute, parseJson } from "../../../_lib/route";

type P = { id: string };

/** {emoji} → {message}: sets or replaces the caller's one reaction. */
export const PUT = authedRoute<P>(async ({ req, userId, params }) => {
  const { emoji } = await parseJson(req, ZReaction);
  return { body: { message: await reactToMessage(db(), userId, params.id, emoji) } };
});

export const DELETE = authedRoute<P>(async ({ userId, params }) => ({ body: { message: await reactToMessage(db(), userId, params.id, null) } }));
