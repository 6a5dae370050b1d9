import { authedRoute, parseJson } from "@/app/api/_lib/route";
import { db } from "@/db/client";
import { getRoom, updateRoom } from "@/domain/rooms/rooms";
import { ZUpdateRoom } from "@/shared/schemas/rooms";

type P = { id: string };

export const GET = authedRoute<P>(async ({ params, userId }) => ({ body: { room: await getRoom(db(), params.id, userId) } }));

/** Name and description (the creator), slow mode (the creator and moderators). */
export const PATCH = authedRoute<P>(async ({ req, params, userId }) => ({
  body: { room: await updateRoom(db(), params.id, userId, await parseJson(req, ZUpdateRoom)) },
}));
