import { authedRoute, parseJson, parseWith, rateLimitHeaders } from "@/app/api/_lib/route";
import { db } from "@/db/client";
import { listTopicMessages, postRoomMessage } from "@/domain/rooms/messages";
import { ZMessageBody } from "@/shared/schemas/messages";
import { ZMessagePage } from "@/shared/schemas/rooms";

type P = { id: string; topicId: string };

export const GET = authedRoute<P>(async ({ req, params, userId }) => {
  const page = parseWith(ZMessagePage, Object.fromEntries(req.nextUrl.searchParams));
  return { body: await listTopicMessages(db(), { roomId: params.id, topicId: params.topicId, userId, ...page }) };
});

/** The same operation as the socket's room:message:send: 201 new, 200 for a repeated clientId. */
export const POST = authedRoute<P>(async ({ req, params, userId }) => {
  const body = await parseJson(req, ZMessageBody);
  const { message, created, rateLimit } = await postRoomMessage(db(), { roomId: params.id, topicId: params.topicId, userId, body });
  return { status: created ? 201 : 200, body: { message }, headers: rateLimitHeaders(rateLimit) };
});
