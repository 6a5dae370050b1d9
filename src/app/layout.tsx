import type { Metadata, Viewport } from "next";
import { NextIntlClientProvider } from "next-intl";
import { getLocale, getTranslations } from "next-intl/server";
import { LiveAnnouncerProvider } from "@/components/a11y/LiveAnnouncer";
import { PreferenceCookies } from "@/components/preferences/PreferenceCookies";
import { localeCookieValue } from "@/i18n/negotiate";
import { getViewer } from "./_lib/viewer";
import "./globals.css";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("common");
  return { title: t("appName"), description: t("tagline") };
}

export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#ffffff" },
    { media: "(prefers-color-scheme: dark)", color: "#121212" },
  ],
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  const [locale, t, viewer] = await Promise.all([getLocale(), getTranslations("shell"), getViewer()]);
  // The account's theme is applied here, on the server, so a page never flashes the
  // other theme; without one the CSS follows the system (prefers-color-scheme).
  const theme = viewer?.settings.theme === "light" || viewer?.settings.theme === "dark" ? viewer.settings.theme : undefined;
  return (
    <html lang={locale} data-theme={theme}>
      <body>
        <a className="skip-link" href="#main">
          {t("skipToContent")}
        </a>
        <NextIntlClientProvider>
          <PreferenceCookies accountLocale={viewer ? localeCookieValue(viewer.settings.locale) : null} />
          <LiveAnnouncerProvider>{children}</LiveAnnouncerProvider>
        </NextIntlClientProvider>
      </body>
    </html>
  );
}
