import { pagedList } from "@/app/api/_lib/paged";
import { authedRoute } from "@/app/api/_lib/route";
import { db } from "@/db/client";
import { listJoinableRooms } from "@/domain/rooms/rooms";

/** Rooms of creators I subscribe to or am a fan of, that I am not in; `?cursor=&limit=` pages them. */
export const GET = authedRoute(async ({ req, userId }) => ({ body: pagedList(req, "rooms", await listJoinableRooms(db(), userId), (r) => r.id) }));
