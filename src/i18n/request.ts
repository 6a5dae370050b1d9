import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { catalogues } from "./catalogues";
import { LOCALE_COOKIE, resolveLocale } from "./negotiate";

export default getRequestConfig(async () => {
  const locale = resolveLocale((await cookies()).get(LOCALE_COOKIE)?.value, (await headers()).get("accept-language"));
  return { locale, messages: catalogues[locale], timeZone: "UTC" };
});
