import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { getViewer } from "@/app/_lib/viewer";
import { catalogues } from "./catalogues";
import { DEFAULT_TIME_ZONE, LOCALE_COOKIE, localeForAccount, resolveLocale, TIME_ZONE_COOKIE, validTimeZone } from "./negotiate";

// No locale routing: the language comes from the account's setting when someone is
// signed in (one cached query shared with the page), else the cookie's mirror of it,
// else the browser's Accept-Language.
export default getRequestConfig(async () => {
  const [jar, h, viewer] = await Promise.all([cookies(), headers(), getViewer()]);
  const acceptLanguage = h.get("accept-language");
  const locale = viewer ? localeForAccount(viewer.settings.locale, acceptLanguage) : resolveLocale(jar.get(LOCALE_COOKIE)?.value, acceptLanguage);
  const timeZone = validTimeZone(jar.get(TIME_ZONE_COOKIE)?.value) ?? DEFAULT_TIME_ZONE;
  return { locale, messages: catalogues[locale], timeZone };
});
