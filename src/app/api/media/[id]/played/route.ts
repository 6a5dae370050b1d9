import { db } from "@/db/client";
import { markVoicePlayed } from "@/domain/media/played";
import { authedRoute } from "../../../_lib/route";

export const runtime = "nodejs";

/** POST /api/media/:id/played: the caller has played this voice note (idempotent). */
export const POST = authedRoute<{ id: string }>(async ({ userId, params }) => ({ body: await markVoicePlayed(db(), userId, params.id) }));
