import { db } from "@/db/client";
import { editMessage, unsendMessage } from "@/domain/messages/change";
import { ZEditMessage } from "@/shared/schemas/messages";
import { authedRoute, parseJson } from "../../_lib/route";

type P = { id: string };

/** {text} → {message}: one's own text message, within 15 minutes. */
export const PATCH = authedRoute<P>(async ({ req, userId, params }) => {
  const { text } = await parseJson(req, ZEditMessage);
  return { body: { message: await editMessage(db(), userId, params.id, text) } };
});

/** Unsend for everyone → {message} (with deletedAt). */
export const DELETE = authedRoute<P>(async ({ userId, params }) => ({ body: { message: await unsendMessage(db(), userId, params.id) } }));
