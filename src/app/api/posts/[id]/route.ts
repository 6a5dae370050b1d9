import { db } from "@/db/client";
import { getPost } from "@/domain/platform/posts";
import { authedRoute } from "../../_lib/route";

export const GET = authedRoute<{ id: string }>(async ({ params, userId }) => ({ body: { post: await getPost(db(), userId, params.id) } }));
