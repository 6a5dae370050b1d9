import { authedRoute } from "@/app/api/_lib/route";
import { db } from "@/db/client";
import { roomEligibility } from "@/domain/platform/room-eligibility";

/** Whether I may create rooms, and what is missing. */
export const GET = authedRoute(async ({ userId }) => ({ body: { eligibility: await roomEligibility(db(), userId) } }));
