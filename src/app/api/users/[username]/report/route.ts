// The segment is named "username" because it shares its level with the profile route
// (Next refuses two slug names at one level); here it carries a user id, as in the contract.
import { db } from "@/db/client";
import { reportUser } from "@/domain/safety/reports";
import { ZReport } from "@/shared/schemas/safety";
import { authedRoute, parseJson } from "../../../_lib/route";

export const POST = authedRoute<{ username: string }>(async ({ req, params, userId }) => {
  const input = await parseJson(req, ZReport);
  const { report, created } = await reportUser(db(), userId, params.username, input);
  return { status: created ? 201 : 200, body: { report } };
});
