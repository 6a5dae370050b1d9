import { authedRoute, parseJson } from "@/app/api/_lib/route";
import { db } from "@/db/client";
import { createTopic, listTopics } from "@/domain/rooms/topics";
import { ZCreateTopic } from "@/shared/schemas/rooms";
import { pagedList } from "@/app/api/_lib/paged";

type P = { id: string };

export const GET = authedRoute<P>(async ({ req, params, userId }) => ({ body: pagedList(req, "topics", await listTopics(db(), params.id, userId), (t) => t.id) }));

export const POST = authedRoute<P>(async ({ req, params, userId }) => {
  const { title } = await parseJson(req, ZCreateTopic);
  return { status: 201, body: { topic: await createTopic(db(), params.id, userId, title) } };
});
