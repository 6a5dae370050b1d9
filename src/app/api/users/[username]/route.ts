import { db } from "@/db/client";
import { getProfile } from "@/domain/platform/profile";
import { authedRoute } from "../../_lib/route";

export const GET = authedRoute<{ username: string }>(async ({ params, userId }) => ({
  body: { profile: await getProfile(db(), userId, params.username) },
}));
