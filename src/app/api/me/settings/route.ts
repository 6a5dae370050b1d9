import { db } from "@/db/client";
import { updateSettings } from "@/domain/accounts/settings";
import { ZSettingsUpdate } from "@/shared/schemas/accounts";
import { authedRoute, parseJson } from "../../_lib/route";

export const PATCH = authedRoute(async ({ req, userId }) => {
  const update = await parseJson(req, ZSettingsUpdate);
  return { body: { user: await updateSettings(db(), userId, update) } };
});
