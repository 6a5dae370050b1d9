import { db } from "@/db/client";
import { addMembers } from "@/domain/conversations/members";
import { ZAddMembers } from "@/shared/schemas/conversations";
import { authedRoute, parseJson } from "../../../_lib/route";

/** {userIds} → {conversation, message: the "added" system message, or null when all were members already}. */
export const POST = authedRoute<{ id: string }>(async ({ req, userId, params }) => {
  const { userIds } = await parseJson(req, ZAddMembers);
  return { body: await addMembers(db(), { actorId: userId, conversationId: params.id, userIds }) };
});
