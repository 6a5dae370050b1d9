import { authedRoute, parseJson } from "@/app/api/_lib/route";
import { db } from "@/db/client";
import { addModerator } from "@/domain/rooms/moderation";
import { ZUserRef } from "@/shared/schemas/rooms";

export const POST = authedRoute<{ id: string }>(async ({ req, params, userId }) => {
  const { userId: target } = await parseJson(req, ZUserRef);
  return { body: { membership: await addModerator(db(), { roomId: params.id, actorId: userId, targetId: target }) } };
});
