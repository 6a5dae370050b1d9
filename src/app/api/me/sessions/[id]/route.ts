import { db } from "@/db/client";
import { revokeSession } from "@/domain/accounts/sessions";
import { authedRoute } from "../../../_lib/route";

/** Logs one device out (this one too, when it is its own id); another account's session is 404. */
export const DELETE = authedRoute<{ id: string }>(async ({ userId, params }) => ({ body: await revokeSession(db(), userId, params.id) }));
