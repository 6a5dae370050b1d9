import { db } from "@/db/client";
import { createBot, listBots } from "@/domain/accounts/bots";
import { ZBotCreate } from "@/shared/schemas/tokens";
import { authedRoute, parseJson } from "../../_lib/route";
import { pagedList } from "@/app/api/_lib/paged";

/** The caller's bots. */
export const GET = authedRoute(async ({ req, userId }) => ({ body: pagedList(req, "bots", await listBots(db(), userId), (b) => b.id) }));

/** Makes a bot (18+ only); it speaks through the tokens made for it at …/bots/:id/tokens. */
export const POST = authedRoute(async ({ req, userId }) => ({ status: 201, body: { bot: await createBot(db(), userId, await parseJson(req, ZBotCreate)) } }));
