import { authedRoute, parseJson } from "@/app/api/_lib/route";
import { db } from "@/db/client";
import { banMember, listBans } from "@/domain/rooms/moderation";
import { ZBan } from "@/shared/schemas/rooms";
import { pagedList } from "@/app/api/_lib/paged";

type P = { id: string };

export const GET = authedRoute<P>(async ({ req, params, userId }) => ({ body: pagedList(req, "bans", await listBans(db(), params.id, userId), (b) => b.userId) }));

export const POST = authedRoute<P>(async ({ req, params, userId }) => {
  const { userId: target, reason } = await parseJson(req, ZBan);
  await banMember(db(), { roomId: params.id, actorId: userId, targetId: target, reason });
  return { status: 201, body: { ban: { roomId: params.id, userId: target } } };
});
