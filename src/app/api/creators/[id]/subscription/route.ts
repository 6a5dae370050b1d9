import { db } from "@/db/client";
import { join, leave } from "@/domain/platform/creators";
import { authedRoute } from "../../../_lib/route";

export const POST = authedRoute<{ id: string }>(async ({ params, userId }) => {
  const { active } = await join(db(), userId, params.id, "subscription");
  return { body: { subscribed: active } };
});
export const DELETE = authedRoute<{ id: string }>(async ({ params, userId }) => {
  const { active } = await leave(db(), userId, params.id, "subscription");
  return { body: { subscribed: active } };
});
