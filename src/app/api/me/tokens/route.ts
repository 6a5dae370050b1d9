import { db } from "@/db/client";
import { createPersonalToken, listPersonalTokens } from "@/domain/accounts/personal-tokens";
import { ZTokenCreate } from "@/shared/schemas/tokens";
import { authedRoute, parseJson } from "../../_lib/route";

/** The account's live personal access tokens (never their secrets). */
export const GET = authedRoute(async ({ userId }) => ({ body: { tokens: await listPersonalTokens(db(), userId) } }));

/** Makes a token: the answer is the only time `token` is shown. */
export const POST = authedRoute(async ({ req, userId }) => ({ status: 201, body: await createPersonalToken(db(), userId, await parseJson(req, ZTokenCreate)) }));
