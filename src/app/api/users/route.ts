import { db } from "@/db/client";
import { searchPeople } from "@/domain/platform/people";
import { ZPeopleQuery } from "@/shared/schemas/platform";
import { authedRoute, parseWith } from "../_lib/route";

export const GET = authedRoute(async ({ req, userId }) => {
  const { query } = parseWith(ZPeopleQuery, { query: req.nextUrl.searchParams.get("query") ?? "" });
  return { body: { users: await searchPeople(db(), userId, query) } };
});
