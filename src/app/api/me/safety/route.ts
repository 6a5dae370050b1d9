import { db } from "@/db/client";
import { setNudityFilter } from "@/domain/accounts/me";
import { ZSafetyUpdate } from "@/shared/schemas/accounts";
import { authedRoute, parseJson } from "../../_lib/route";

export const PATCH = authedRoute(async ({ req, userId }) => {
  const { nudityFilter } = await parseJson(req, ZSafetyUpdate);
  return { body: { user: await setNudityFilter(db(), userId, nudityFilter) } };
});
