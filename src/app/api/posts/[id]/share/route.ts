import { db } from "@/db/client";
import { sharePost } from "@/domain/platform/share";
import { errorMessage } from "@/i18n/errors";
import { ZSharePost } from "@/shared/schemas/platform";
import { authedRoute, parseJson } from "../../../_lib/route";

export const POST = authedRoute<{ id: string }>(async ({ req, params, userId, locale }) => {
  const input = await parseJson(req, ZSharePost);
  const outcomes = await sharePost(db(), userId, params.id, input);
  const results = outcomes.map((o) => (o.ok ? o : { recipient: o.recipient, ok: false, error: { code: o.code, message: errorMessage(o.code, locale) } }));
  return { body: { results } };
});
