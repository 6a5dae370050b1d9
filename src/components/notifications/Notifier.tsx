"use client";
import { usePathname, useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { useAnnounce } from "@/components/a11y/LiveAnnouncer";
import { Icon } from "@/components/icons";
import { announcementFor, noticeFor, notificationFor, titleWithUnread, type ConversationFacts, type IncomingMessage, type NotificationText } from "@/client/notifications/decide";
import "./notifications.css";
import { notificationPermission, notificationsEnabled } from "@/client/notifications/preference";

/** What the notifier needs from the chat's client store. */
export interface IncomingSource {
  onIncomingMessage(listener: (message: IncomingMessage, conversation: ConversationFacts | undefined) => void): () => void;
  subscribe(listener: () => void): () => void;
  totalUnread(): number;
}

/**
 * Mounted once in the app shell: turns new messages into a browser notification while
 * the tab is hidden (a click focuses the tab and opens the chat), a polite screen-reader
 * announcement, an in-app notice while the reader is elsewhere in the app (a click opens
 * the chat), and the unread count in the tab title.
 */
export function Notifier({ me, source }: { me: string; source: IncomingSource }) {
  const t = useTranslations("notifications");
  const router = useRouter();
  const announce = useAnnounce();
  const translate = useRef(t);
  translate.current = t;
  // The open chat announces its own new messages: only the others are announced here.
  const pathname = useRef("");
  const currentPath = usePathname();
  pathname.current = currentPath;
  const [notice, setNotice] = useState<NotificationText | null>(null);

  useEffect(
    () =>
      source.onIncomingMessage((message, conversation) => {
        const tr = translate.current as never;
        const spoken = announcementFor(message, conversation, me, tr);
        const inOpenChat = pathname.current === `/inbox/${message.conversationId}`;
        if (spoken && !inOpenChat && document.visibilityState === "visible") announce(spoken);
        const openConversationId = pathname.current.startsWith("/inbox/") ? decodeURIComponent(pathname.current.slice("/inbox/".length)) : null;
        const inApp = noticeFor(message, conversation, { me, hidden: document.visibilityState === "hidden", openConversationId }, tr);
        if (inApp) setNotice(inApp);
        const shown = notificationFor(message, conversation, { me, enabled: notificationsEnabled(), permission: notificationPermission(), hidden: document.visibilityState === "hidden" }, tr);
        if (!shown) return;
        const notification = new Notification(shown.title, { body: shown.body, tag: shown.tag, icon: "/icon.svg" });
        notification.onclick = () => {
          window.focus();
          router.push(`/inbox/${encodeURIComponent(shown.conversationId)}`);
          notification.close();
        };
      }),
    [source, me, announce, router],
  );

  // Opening that chat (from the notice or otherwise) retires its notice; a notice goes after a while.
  useEffect(() => setNotice((n) => (n && currentPath === `/inbox/${n.conversationId}` ? null : n)), [currentPath]);
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => setNotice(null), NOTICE_SHOWN_MS);
    return () => clearTimeout(timer);
  }, [notice]);

  useUnreadTitle(source);
  if (!notice) return null;
  return (
    <div className="message-notice" data-testid="message-notice-region">
      <button
        type="button"
        className="message-notice-open"
        onClick={() => {
          setNotice(null);
          router.push(`/inbox/${encodeURIComponent(notice.conversationId)}`);
        }}
        data-testid="message-toast"
      >
        <strong className="message-notice-title">{notice.title}</strong>
        {notice.body && <span className="message-notice-body">{notice.body}</span>}
        <span className="visually-hidden">{t("openChat")}</span>
      </button>
      <button type="button" className="icon-button message-notice-close" onClick={() => setNotice(null)} aria-label={t("dismissNotice")}>
        <Icon name="close" size={18} />
      </button>
    </div>
  );
}

/** How long an in-app notice stays (it is also announced, so nobody depends on reading it in time). */
const NOTICE_SHOWN_MS = 8_000;

/** Keeps "(3) " in front of whatever title the current page sets. */
function useUnreadTitle(source: IncomingSource) {
  useEffect(() => {
    const apply = () => {
      const next = titleWithUnread(document.title, source.totalUnread());
      if (next !== document.title) document.title = next;
    };
    apply();
    const unsubscribe = source.subscribe(apply);
    // Next sets the page's own title on navigation: put the count back in front.
    const observer = new MutationObserver(apply);
    observer.observe(document.head, { subtree: true, childList: true, characterData: true });
    return () => {
      unsubscribe();
      observer.disconnect();
      document.title = titleWithUnread(document.title, 0);
    };
  }, [source]);
}
