import { describe, expect, it } from "vitest";
import { localeCookieValue, localeForAccount, localeFromAcceptLanguage, resolveLocale, validTimeZone } from "./negotiate";

describe("choosing the language", () => {
  it("takes the first supported language of Accept-Language by weight", () => {
    expect(localeFromAcceptLanguage("fr-FR,de;q=0.8,en;q=0.5")).toBe("de");
    expect(localeFromAcceptLanguage("en-GB;q=0.4,de-AT;q=0.9")).toBe("de");
    expect(localeFromAcceptLanguage("fr, es")).toBe("en");
    expect(localeFromAcceptLanguage(undefined)).toBe("en");
  });

  it("lets the account's setting win over the browser and a stale cookie", () => {
    expect(localeForAccount("de", "en-US")).toBe("de");
    expect(localeForAccount(null, "de-DE")).toBe("de");
    expect(localeForAccount("xx", "en")).toBe("en");
  });

  it("mirrors the setting in a cookie, 'auto' meaning the browser's", () => {
    expect(localeCookieValue("de")).toBe("de");
    expect(localeCookieValue(null)).toBe("auto");
    expect(resolveLocale("auto", "de")).toBe("de");
    expect(resolveLocale("en", "de")).toBe("en");
  });

  it("accepts only real time zones", () => {
    expect(validTimeZone("Europe/Berlin")).toBe("Europe/Berlin");
    expect(validTimeZone("Mars/Olympus")).toBeNull();
    expect(validTimeZone(undefined)).toBeNull();
  });
});
