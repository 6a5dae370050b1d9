import { authedRoute } from "@/app/api/_lib/route";
import { db } from "@/db/client";
import { unbanMember } from "@/domain/rooms/moderation";

export const DELETE = authedRoute<{ id: string; userId: string }>(async ({ params, userId }) => {
  await unbanMember(db(), { roomId: params.id, actorId: userId, targetId: params.userId });
  return { body: { ok: true } };
});
