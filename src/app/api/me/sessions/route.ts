import { db } from "@/db/client";
import { listSessions, revokeSessions } from "@/domain/accounts/sessions";
import { authedRoute } from "../../_lib/route";

/** The account's live sessions (devices), the current one marked. */
export const GET = authedRoute(async ({ userId, sessionId }) => ({ body: { sessions: await listSessions(db(), userId, sessionId) } }));

/** Log out everywhere: every session ends, this one too. */
export const DELETE = authedRoute(async ({ userId }) => ({ body: await revokeSessions(db(), userId) }));
