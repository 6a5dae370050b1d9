import { authedRoute, parseJson } from "@/app/api/_lib/route";
import { db } from "@/db/client";
import { timeOutMember } from "@/domain/rooms/moderation";
import { ZTimeout } from "@/shared/schemas/rooms";

export const POST = authedRoute<{ id: string }>(async ({ req, params, userId }) => {
  const { userId: target, minutes, reason } = await parseJson(req, ZTimeout);
  return { status: 201, body: await timeOutMember(db(), { roomId: params.id, actorId: userId, targetId: target, minutes, reason }) };
});
