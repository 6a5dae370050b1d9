import { db } from "@/db/client";
import { signUp } from "@/domain/accounts/signup";
import { CLIENT_ADDRESS_HEADER } from "@/server/client-address";
import { ZSignup } from "@/shared/schemas/accounts";
import { parseJson, publicRoute } from "../../_lib/route";

export const POST = publicRoute(async ({ req }) => {
  const user = await signUp(db(), await parseJson(req, ZSignup), new Date(), { address: req.headers.get(CLIENT_ADDRESS_HEADER) });
  return { status: 201, body: { user } };
});
