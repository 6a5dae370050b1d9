import { db } from "@/db/client";
import { reportUser } from "@/domain/safety/reports";
import { ZReport } from "@/shared/schemas/safety";
import { authedRoute, parseJson } from "../../../_lib/route";

export const POST = authedRoute<{ id: string }>(async ({ req, params, userId }) => {
  const input = await parseJson(req, ZReport);
  const { report, created } = await reportUser(db(), userId, params.id, input);
  return { status: created ? 201 : 200, body: { report } };
});
