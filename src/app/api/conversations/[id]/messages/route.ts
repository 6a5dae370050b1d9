import { db } from "@/db/client";
import { listMessagePage } from "@/domain/messages/history";
import { sendMessage } from "@/domain/messages/send";
import { ZHistoryQuery, ZMessageBody } from "@/shared/schemas/messages";
import { authedRoute, parseJson, parseWith, rateLimitHeaders } from "../../../_lib/route";

type P = { id: string };

export const GET = authedRoute<P>(async ({ req, userId, params }) => {
  const query = parseWith(ZHistoryQuery, Object.fromEntries(req.nextUrl.searchParams));
  return { body: await listMessagePage(db(), userId, params.id, query) };
});

/** 201 {message}; a repeated clientId → 200 with the original. */
export const POST = authedRoute<P>(async ({ req, userId, params }) => {
  const body = await parseJson(req, ZMessageBody);
  const { message, created, rateLimit } = await sendMessage(db(), userId, params.id, body);
  return { status: created ? 201 : 200, body: { message }, headers: rateLimitHeaders(rateLimit) };
});
