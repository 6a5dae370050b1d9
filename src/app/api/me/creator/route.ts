import { db } from "@/db/client";
import { creatorDashboard, updateCreatorSettings } from "@/domain/platform/creators";
import { ZCreatorSettings } from "@/shared/schemas/platform";
import { authedRoute, parseJson } from "../../_lib/route";

export const GET = authedRoute(async ({ userId }) => ({ body: await creatorDashboard(db(), userId) }));

export const PATCH = authedRoute(async ({ req, userId }) => {
  const input = await parseJson(req, ZCreatorSettings);
  return { body: await updateCreatorSettings(db(), userId, input) };
});
