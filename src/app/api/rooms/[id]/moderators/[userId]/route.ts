import { authedRoute } from "@/app/api/_lib/route";
import { db } from "@/db/client";
import { removeModerator } from "@/domain/rooms/moderation";

export const DELETE = authedRoute<{ id: string; userId: string }>(async ({ params, userId }) => ({
  body: { membership: await removeModerator(db(), { roomId: params.id, actorId: userId, targetId: params.userId }) },
}));
