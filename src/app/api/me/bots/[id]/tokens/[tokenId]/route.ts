import { db } from "@/db/client";
import { revokePersonalToken } from "@/domain/accounts/personal-tokens";
import { authedRoute } from "../../../../../_lib/route";

/** Revokes one of a bot's tokens; another's bot or token is 404. */
export const DELETE = authedRoute<{ id: string; tokenId: string }>(async ({ userId, params }) => ({ body: await revokePersonalToken(db(), userId, params.tokenId, params.id) }));
