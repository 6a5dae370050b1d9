import { db } from "@/db/client";
import { createPersonalToken, listPersonalTokens } from "@/domain/accounts/personal-tokens";
import { ZTokenCreate } from "@/shared/schemas/tokens";
import { authedRoute, parseJson } from "../../_lib/route";
import { pagedList } from "@/app/api/_lib/paged";

/** The account's live personal access tokens (never their secrets). */
export const GET = authedRoute(async ({ req, userId }) => ({ body: pagedList(req, "tokens", await listPersonalTokens(db(), userId), (t) => t.id) }));

/** Makes a token: the answer is the only time `token` is shown. */
export const POST = authedRoute(async ({ req, userId }) => ({ status: 201, body: await createPersonalToken(db(), userId, await parseJson(req, ZTokenCreate)) }));
