import { authedRoute } from "@/app/api/_lib/route";
import { db } from "@/db/client";
import { listMembers } from "@/domain/rooms/membership";

export const GET = authedRoute<{ id: string }>(async ({ params, userId }) => ({ body: { members: await listMembers(db(), params.id, userId) } }));
