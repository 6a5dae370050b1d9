import type { ErrorCode } from "@/shared/errors";
import { catalogues, DEFAULT_LOCALE, isLocale } from "./catalogues";

/** The user-facing text for an error code, in the user's language. */
export function errorMessage(code: ErrorCode, locale: string | null | undefined, detail?: string): string {
  const lang = isLocale(locale) ? locale : DEFAULT_LOCALE;
  const text = (catalogues[lang].errors as Record<string, string>)[code] ?? catalogues.en.errors[code] ?? code;
  return detail ? `${text} (${detail})` : text;
}
