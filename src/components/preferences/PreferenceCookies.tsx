"use client";
import { useRouter } from "next/navigation";
import { useEffect } from "react";
import { LOCALE_COOKIE, TIME_ZONE_COOKIE } from "@/i18n/negotiate";

const YEAR = 365 * 24 * 60 * 60;

function readCookie(name: string): string | undefined {
  return document.cookie
    .split("; ")
    .find((c) => c.startsWith(`${name}=`))
    ?.slice(name.length + 1);
}

export function writeCookie(name: string, value: string) {
  document.cookie = `${name}=${encodeURIComponent(value)}; Path=/; Max-Age=${YEAR}; SameSite=Lax`;
}

/**
 * Keeps two cookies in step on every page load: the mirror of the account's language
 * (changed on another device, say) for requests that do not read the account, and the
 * browser's time zone, so the server renders times as the user reads them. When the
 * time zone was unknown, the page is rendered once more with it.
 */
export function PreferenceCookies({ accountLocale }: { accountLocale: string | null }) {
  const router = useRouter();
  useEffect(() => {
    if (accountLocale && readCookie(LOCALE_COOKIE) !== accountLocale) writeCookie(LOCALE_COOKIE, accountLocale);
    const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (timeZone && decodeURIComponent(readCookie(TIME_ZONE_COOKIE) ?? "") !== timeZone) {
      writeCookie(TIME_ZONE_COOKIE, timeZone);
      router.refresh();
    }
  }, [accountLocale, router]);
  return null;
}
