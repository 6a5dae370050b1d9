import { authedRoute, parseJson } from "@/app/api/_lib/route";
import { db } from "@/db/client";
import { createTopic, listTopics } from "@/domain/rooms/topics";
import { ZCreateTopic } from "@/shared/schemas/rooms";

type P = { id: string };

export const GET = authedRoute<P>(async ({ params, userId }) => ({ body: { topics: await listTopics(db(), params.id, userId) } }));

export const POST = authedRoute<P>(async ({ req, params, userId }) => {
  const { title } = await parseJson(req, ZCreateTopic);
  return { status: 201, body: { topic: await createTopic(db(), params.id, userId, title) } };
});
