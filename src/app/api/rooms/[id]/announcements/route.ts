import { authedRoute, parseJson } from "@/app/api/_lib/route";
import { db } from "@/db/client";
import { createAnnouncement, listAnnouncements } from "@/domain/rooms/announcements";
import { ZCreateAnnouncement } from "@/shared/schemas/rooms";

type P = { id: string };

export const GET = authedRoute<P>(async ({ params, userId }) => ({ body: { announcements: await listAnnouncements(db(), params.id, userId) } }));

export const POST = authedRoute<P>(async ({ req, params, userId }) => ({
  status: 201,
  body: { announcement: await createAnnouncement(db(), params.id, userId, await parseJson(req, ZCreateAnnouncement)) },
}));
