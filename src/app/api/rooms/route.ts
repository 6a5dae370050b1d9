import { pagedList } from "@/app/api/_lib/paged";
import { authedRoute, parseJson } from "@/app/api/_lib/route";
import { db } from "@/db/client";
import { createRoom, listJoinableRooms, listMyRooms } from "@/domain/rooms/rooms";
import { ZCreateRoom } from "@/shared/schemas/rooms";

/**
 * Rooms I own or joined, paged (`?cursor=&limit=`). `joinable` (rooms of creators I
 * subscribe to or am a fan of) is here whole for older clients; GET /api/rooms/joinable pages it.
 */
export const GET = authedRoute(async ({ req, userId }) => {
  const [rooms, joinable] = await Promise.all([listMyRooms(db(), userId), listJoinableRooms(db(), userId)]);
  return { body: { ...pagedList(req, "rooms", rooms, (r) => r.id), joinable } };
});

export const POST = authedRoute(async ({ req, userId }) => {
  const room = await createRoom(db(), userId, await parseJson(req, ZCreateRoom));
  return { status: 201, body: { room } };
});
