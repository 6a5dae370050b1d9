import { issueToken } from "@/auth/tokens";
import { db } from "@/db/client";
import { authenticate } from "@/domain/accounts/authenticate";
import { startSession } from "@/domain/accounts/sessions";
import { CLIENT_ADDRESS_HEADER } from "@/server/client-address";
import { ZCredentials } from "@/shared/schemas/accounts";
import { parseJson, publicRoute } from "../../_lib/route";

/** A bearer token for clients without a browser: the same JWT as the session cookie, for a session of its own. */
export const POST = publicRoute(async ({ req }) => {
  const user = await authenticate(db(), await parseJson(req, ZCredentials), { address: req.headers.get(CLIENT_ADDRESS_HEADER) });
  const sessionId = await startSession(db(), user.id, "token", req.headers.get("user-agent"));
  return { body: { token: await issueToken(user, sessionId), sessionId, user } };
});
