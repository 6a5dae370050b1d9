import { db } from "@/db/client";
import { getMe } from "@/domain/accounts/me";
import { authedRoute } from "../_lib/route";

export const GET = authedRoute(async ({ userId }) => ({ body: { user: await getMe(db(), userId) } }));
