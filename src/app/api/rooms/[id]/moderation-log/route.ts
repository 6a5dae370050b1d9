import { authedRoute } from "@/app/api/_lib/route";
import { db } from "@/db/client";
import { readModerationLog } from "@/domain/rooms/log";

export const GET = authedRoute<{ id: string }>(async ({ params, userId }) => ({ body: { entries: await readModerationLog(db(), params.id, userId) } }));
