import { db } from "@/db/client";
import { revokePersonalToken } from "@/domain/accounts/personal-tokens";
import { authedRoute } from "../../../_lib/route";

/** Revokes one of the account's tokens (its sockets are cut off); another account's id is 404. */
export const DELETE = authedRoute<{ id: string }>(async ({ userId, params }) => ({ body: await revokePersonalToken(db(), userId, params.id) }));
