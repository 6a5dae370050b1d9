import { authedRoute } from "@/app/api/_lib/route";
import { db } from "@/db/client";
import { leaveRoom } from "@/domain/rooms/membership";

export const POST = authedRoute<{ id: string }>(async ({ params, userId }) => {
  await leaveRoom(db(), params.id, userId);
  return { body: { ok: true } };
});
