// The language of an answer the server gives itself, before Next (a refused login, a bare 405):
// the account's mirror in the locale cookie, else Accept-Language.
import type { IncomingMessage } from "node:http";
import { parseCookies } from "@/auth/tokens";
import type { Locale } from "@/i18n/catalogues";
import { LOCALE_COOKIE, resolveLocale } from "@/i18n/negotiate";

export const localeOfRequest = (req: IncomingMessage): Locale => resolveLocale(parseCookies(req.headers.cookie)[LOCALE_COOKIE], req.headers["accept-language"]);
