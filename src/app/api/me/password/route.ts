import { db } from "@/db/client";
import { changePassword } from "@/domain/accounts/password-change";
import { ZPasswordChange } from "@/shared/schemas/accounts";
import { authedRoute, parseJson } from "../../_lib/route";

/** A new password (the current one confirms it); every other session is logged out. */
export const POST = authedRoute(async ({ req, userId, sessionId }) => ({ body: await changePassword(db(), userId, sessionId, await parseJson(req, ZPasswordChange)) }));
