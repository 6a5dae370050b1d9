import { db } from "@/db/client";
import { acceptConversation } from "@/domain/conversations/manage";
import { authedRoute } from "../../../_lib/route";

export const POST = authedRoute<{ id: string }>(async ({ userId, params }) => ({
  body: { conversation: await acceptConversation(db(), userId, params.id) },
}));
