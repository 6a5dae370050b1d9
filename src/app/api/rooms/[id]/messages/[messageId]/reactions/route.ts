import { authedRoute, parseJson } from "@/app/api/_lib/route";
import { db } from "@/db/client";
import { reactToRoomMessage } from "@/domain/rooms/messages";
import { ZReaction } from "@/shared/schemas/rooms";

type P = { id: string; messageId: string };

/** One reaction per person per message: another emoji replaces mine. */
export const POST = authedRoute<P>(async ({ req, params, userId }) => {
  const { emoji } = await parseJson(req, ZReaction);
  return { body: { message: await reactToRoomMessage(db(), { roomId: params.id, messageId: params.messageId, userId, emoji }) } };
});

export const DELETE = authedRoute<P>(async ({ params, userId }) => ({
  body: { message: await reactToRoomMessage(db(), { roomId: params.id, messageId: params.messageId, userId, emoji: null }) },
}));
