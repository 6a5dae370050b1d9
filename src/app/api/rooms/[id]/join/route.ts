import { authedRoute } from "@/app/api/_lib/route";
import { db } from "@/db/client";
import { joinRoom } from "@/domain/rooms/membership";

export const POST = authedRoute<{ id: string }>(async ({ params, userId }) => {
  const { membership } = await joinRoom(db(), params.id, userId);
  return { body: { membership } };
});
