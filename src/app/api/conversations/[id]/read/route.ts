import { db } from "@/db/client";
import { markRead } from "@/domain/conversations/read";
import { ZRead } from "@/shared/schemas/conversations";
import { authedRoute, parseJson } from "../../../_lib/route";

/** {seq} → {conversationId, userId, seq}: the caller's last read seq, which never goes down. */
export const POST = authedRoute<{ id: string }>(async ({ req, userId, params }) => {
  const { seq } = await parseJson(req, ZRead);
  return { body: await markRead(db(), userId, params.id, seq) };
});
