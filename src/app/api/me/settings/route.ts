import { NextResponse } from "next/server";
import { db } from "@/db/client";
import { updateSettings } from "@/domain/accounts/settings";
import { LOCALE_COOKIE, localeCookieValue } from "@/i18n/negotiate";
import { ZSettingsUpdate } from "@/shared/schemas/accounts";
import { authedRoute, parseJson } from "../../_lib/route";

export const PATCH = authedRoute(async ({ req, userId }) => {
  const update = await parseJson(req, ZSettingsUpdate);
  const user = await updateSettings(db(), userId, update);
  const response = NextResponse.json({ user });
  // The browser's mirror of the language, for requests that do not read the account.
  if (update.locale !== undefined) {
    response.cookies.set(LOCALE_COOKIE, localeCookieValue(user.settings.locale), { path: "/", maxAge: 365 * 24 * 60 * 60, sameSite: "lax" });
  }
  return response;
});
