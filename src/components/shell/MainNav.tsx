"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";

type Item = { href: string; key: "inbox" | "discover" | "rooms" | "settings" | "profile"; icon: string };

const ITEMS: readonly Item[] = [
  { href: "/inbox", key: "inbox", icon: "💬" },
  { href: "/discover", key: "discover", icon: "🔎" },
  { href: "/rooms", key: "rooms", icon: "🎙️" },
  { href: "/settings", key: "settings", icon: "⚙️" },
];

/** Under 16 there are no DMs and no rooms (the server refuses both): the feed, one's profile and settings. */
const itemsWithoutDMs = (username: string): readonly Item[] => [
  { href: "/discover", key: "discover", icon: "🔎" },
  { href: `/u/${encodeURIComponent(username)}`, key: "profile", icon: "👤" },
  { href: "/settings", key: "settings", icon: "⚙️" },
];

export function MainNav({ canUseDMs = true, username = "" }: { canUseDMs?: boolean; username?: string }) {
  const t = useTranslations("shell");
  const pathname = usePathname();
  const items = canUseDMs ? ITEMS : itemsWithoutDMs(username);
  return (
    <nav className="main-nav" aria-label={t("mainNav")} data-testid="main-nav">
      {items.map((item) => {
        const current = pathname === item.href || pathname.startsWith(`${item.href}/`);
        return (
          <Link key={item.href} href={item.href} aria-current={current ? "page" : undefined} className="main-nav-link" data-testid={`nav-${item.key}`}>
            <span aria-hidden="true">{item.icon}</span>
            <span className="main-nav-label">{t(item.key)}</span>
          </Link>
        );
      })}
    </nav>
  );
}
