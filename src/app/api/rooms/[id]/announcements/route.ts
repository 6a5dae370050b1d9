import { authedRoute, parseJson } from "@/app/api/_lib/route";
import { db } from "@/db/client";
import { createAnnouncement, listAnnouncements } from "@/domain/rooms/announcements";
import { ZCreateAnnouncement } from "@/shared/schemas/rooms";
import { pagedList } from "@/app/api/_lib/paged";

type P = { id: string };

export const GET = authedRoute<P>(async ({ req, params, userId }) => ({ body: pagedList(req, "announcements", await listAnnouncements(db(), params.id, userId), (a) => a.id) }));

export const POST = authedRoute<P>(async ({ req, params, userId }) => ({
  status: 201,
  body: { announcement: await createAnnouncement(db(), params.id, userId, await parseJson(req, ZCreateAnnouncement)) },
}));
