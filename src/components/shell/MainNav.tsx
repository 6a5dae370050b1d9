"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { chatEngine } from "@/client/chat/instance";
import { Icon, type IconName } from "@/components/icons";
import "@/components/notifications/notifications.css";

type Item = { href: string; key: "inbox" | "discover" | "rooms" | "settings" | "profile"; icon: IconName };

const ITEMS: readonly Item[] = [
  { href: "/inbox", key: "inbox", icon: "inbox" },
  { href: "/discover", key: "discover", icon: "search" },
  { href: "/rooms", key: "rooms", icon: "rooms" },
  { href: "/settings", key: "settings", icon: "settings" },
];

/** Under 16 there are no DMs and no rooms (the server refuses both): the feed, one's profile and settings. */
const itemsWithoutDMs = (username: string): readonly Item[] => [
  { href: "/discover", key: "discover", icon: "search" },
  { href: `/u/${encodeURIComponent(username)}`, key: "profile", icon: "profile" },
  { href: "/settings", key: "settings", icon: "settings" },
];

/** `me`: the signed-in user who may use DMs (the Inbox tab then counts chats with unread messages); without it, the under-16 menu. */
export function MainNav({ me, username = "" }: { me?: string; username?: string }) {
  const t = useTranslations("shell");
  const pathname = usePathname();
  const unread = useUnreadChats(me);
  const items = me ? ITEMS : itemsWithoutDMs(username);
  return (
    <nav className="main-nav" aria-label={t("mainNav")} data-testid="main-nav">
      {items.map((item) => {
        const current = pathname === item.href || pathname.startsWith(`${item.href}/`);
        return (
          <Link key={item.href} href={item.href} aria-current={current ? "page" : undefined} className="main-nav-link" data-testid={`nav-${item.key}`}>
            <Icon name={item.icon} />
            <span className="main-nav-label">{t(item.key)}</span>
            {item.key === "inbox" && unread > 0 && (
              <>
                <span className="nav-badge" aria-hidden="true" data-testid="nav-unread-badge">
                  {unread > 99 ? "99+" : unread}
                </span>
                <span className="visually-hidden">{t("unreadChats", { count: unread })}</span>
              </>
            )}
          </Link>
        );
      })}
    </nav>
  );
}

/** Chats with unread messages that are not muted, live from the tab's chat engine. */
function useUnreadChats(me: string | undefined): number {
  const [count, setCount] = useState(0);
  useEffect(() => {
    if (!me) return;
    const engine = chatEngine(me);
    const apply = () => setCount(engine.unreadChats());
    apply();
    return engine.subscribe(apply);
  }, [me]);
  return me ? count : 0;
}
