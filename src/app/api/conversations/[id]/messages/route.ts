import { db } from "@/db/client";
import { listMessagePage } from "@/domain/messages/history";
import { sendOrHold } from "@/domain/messages/held";
import { ZHistoryQuery, ZMessageBody } from "@/shared/schemas/messages";
import { authedRoute, parseJson, parseWith, rateLimitHeaders } from "../../../_lib/route";

type P = { id: string };

export const GET = authedRoute<P>(async ({ req, userId, params }) => {
  const query = parseWith(ZHistoryQuery, Object.fromEntries(req.nextUrl.searchParams));
  return { body: await listMessagePage(db(), userId, params.id, query) };
});

/** 201 {message}; a repeated clientId → 200 with the original; videos still processing → 202 {message: null, held}. */
export const POST = authedRoute<P>(async ({ req, userId, params }) => {
  const body = await parseJson(req, ZMessageBody);
  const result = await sendOrHold(db(), userId, params.id, body);
  if (result.held) return { status: 202, body: { message: null, held: result.held } };
  return { status: result.created ? 201 : 200, body: { message: result.message }, headers: rateLimitHeaders(result.rateLimit) };
});
