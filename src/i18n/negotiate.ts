import { DEFAULT_LOCALE, isLocale, type Locale } from "./catalogues";

/**
 * Mirrors the account's language setting for requests that do not read the account
 * (API errors, the login page after logging out): "en", "de" or "auto" (the browser's).
 * Set on login and when the setting changes; the app re-syncs it on every page load.
 */
export const LOCALE_COOKIE = "murmur-locale";
export const AUTO_LOCALE = "auto";
/** The browser's IANA time zone, so the server renders times as the user reads them. */
export const TIME_ZONE_COOKIE = "murmur-tz";
export const DEFAULT_TIME_ZONE = "UTC";

/** The cookie value for an account's locale setting (null: follow the browser). */
export const localeCookieValue = (setting: string | null | undefined): string => (isLocale(setting) ? setting : AUTO_LOCALE);

/** Picks the first supported language of an Accept-Language header. */
export function localeFromAcceptLanguage(header: string | null | undefined): Locale {
  const ranked = (header ?? "")
    .split(",")
    .map((part) => {
      const [tag, ...params] = part.trim().split(";");
      const q = params.find((p) => p.trim().startsWith("q="));
      return { lang: tag.trim().slice(0, 2).toLowerCase(), q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((x) => x.lang && x.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked.map((x) => x.lang).find(isLocale) ?? DEFAULT_LOCALE;
}

/** The account's setting wins (mirrored in a cookie), else the browser's language. */
export function resolveLocale(cookieValue: string | undefined, acceptLanguage: string | null | undefined): Locale {
  return isLocale(cookieValue) ? cookieValue : localeFromAcceptLanguage(acceptLanguage);
}

/** The language for a signed-in user: the account's setting, else the browser's (the cookie is only a mirror). */
export function localeForAccount(accountSetting: string | null | undefined, acceptLanguage: string | null | undefined): Locale {
  return isLocale(accountSetting) ? accountSetting : localeFromAcceptLanguage(acceptLanguage);
}

/** A valid IANA time zone name, or null. */
export function validTimeZone(value: string | undefined | null): string | null {
  if (!value || value.length > 64) return null;
  try {
    new Intl.DateTimeFormat("en", { timeZone: value });
    return value;
  } catch {
    return null;
  }
}
