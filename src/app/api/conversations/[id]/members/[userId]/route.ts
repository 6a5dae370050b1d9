import { db } from "@/db/client";
import { removeMember, setMemberRole } from "@/domain/conversations/members";
import { ZMemberRole } from "@/shared/schemas/conversations";
import { authedRoute, parseJson } from "../../../../_lib/route";

type P = { id: string; userId: string };

/** Removes a member (the owner or an admin), or leaves when it is the caller's own id. */
export const DELETE = authedRoute<P>(async ({ userId, params }) => ({ body: await removeMember(db(), { actorId: userId, conversationId: params.id, targetId: params.userId }) }));

/** {role: "admin" | "member"} (the owner only) → {conversation}. */
export const PATCH = authedRoute<P>(async ({ req, userId, params }) => {
  const { role } = await parseJson(req, ZMemberRole);
  return { body: { conversation: await setMemberRole(db(), { actorId: userId, conversationId: params.id, targetId: params.userId, role }) } };
});
