import { db } from "@/db/client";
import { signUp } from "@/domain/accounts/signup";
import { ZSignup } from "@/shared/schemas/accounts";
import { parseJson, publicRoute } from "../../_lib/route";

export const POST = publicRoute(async ({ req }) => {
  const user = await signUp(db(), await parseJson(req, ZSignup));
  return { status: 201, body: { user } };
});
