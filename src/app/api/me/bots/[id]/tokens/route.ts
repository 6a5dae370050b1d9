import { db } from "@/db/client";
import { createPersonalToken, listPersonalTokens } from "@/domain/accounts/personal-tokens";
import { ZTokenCreate } from "@/shared/schemas/tokens";
import { authedRoute, parseJson } from "../../../../_lib/route";
import { pagedList } from "@/app/api/_lib/paged";

/** A bot's live tokens; someone else's bot is 404. */
export const GET = authedRoute<{ id: string }>(async ({ req, userId, params }) => ({ body: pagedList(req, "tokens", await listPersonalTokens(db(), userId, params.id), (t) => t.id) }));

/** Makes a token for one's bot: the answer is the only time `token` is shown. */
export const POST = authedRoute<{ id: string }>(async ({ req, userId, params }) => ({
  status: 201,
  body: await createPersonalToken(db(), userId, await parseJson(req, ZTokenCreate), params.id),
}));
