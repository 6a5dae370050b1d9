import { db } from "@/db/client";
import { listSessions, revokeSessions } from "@/domain/accounts/sessions";
import { authedRoute } from "../../_lib/route";
import { pagedList } from "@/app/api/_lib/paged";

/** The account's live sessions (devices), the current one marked. */
export const GET = authedRoute(async ({ req, userId, sessionId }) => ({ body: pagedList(req, "sessions", await listSessions(db(), userId, sessionId), (s) => s.id) }));

/** Log out everywhere: every session ends, this one too. */
export const DELETE = authedRoute(async ({ userId }) => ({ body: await revokeSessions(db(), userId) }));
