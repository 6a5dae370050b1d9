"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { chatEngine } from "@/client/chat/instance";
import "@/components/notifications/notifications.css";

const ITEMS = [
  { href: "/inbox", key: "inbox", icon: "💬" },
  { href: "/discover", key: "discover", icon: "🔎" },
  { href: "/rooms", key: "rooms", icon: "🎙️" },
  { href: "/settings", key: "settings", icon: "⚙️" },
] as const;

/** `me`: the signed-in user who may use DMs (the Inbox tab then counts chats with unread messages). */
export function MainNav({ me }: { me?: string }) {
  const t = useTranslations("shell");
  const pathname = usePathname();
  const unread = useUnreadChats(me);
  return (
    <nav className="main-nav" aria-label={t("mainNav")}>
      {ITEMS.map((item) => {
        const current = pathname === item.href || pathname.startsWith(`${item.href}/`);
        return (
          <Link key={item.href} href={item.href} aria-current={current ? "page" : undefined} className="main-nav-link">
            <span aria-hidden="true">{item.icon}</span>
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
