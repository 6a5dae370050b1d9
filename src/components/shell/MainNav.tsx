"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { Icon } from "@/components/icons";

const ITEMS = [
  { href: "/inbox", key: "inbox", icon: "inbox" },
  { href: "/discover", key: "discover", icon: "search" },
  { href: "/rooms", key: "rooms", icon: "rooms" },
  { href: "/settings", key: "settings", icon: "settings" },
] as const;

export function MainNav() {
  const t = useTranslations("shell");
  const pathname = usePathname();
  return (
    <nav className="main-nav" aria-label={t("mainNav")}>
      {ITEMS.map((item) => {
        const current = pathname === item.href || pathname.startsWith(`${item.href}/`);
        return (
          <Link key={item.href} href={item.href} aria-current={current ? "page" : undefined} className="main-nav-link">
            <Icon name={item.icon} />
            <span className="main-nav-label">{t(item.key)}</span>
          </Link>
        );
      })}
    </nav>
  );
}
