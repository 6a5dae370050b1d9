"use client";
import { usePathname, useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useRef } from "react";
import { useAnnounce } from "@/components/a11y/LiveAnnouncer";
import { announcementFor, notificationFor, titleWithUnread, type ConversationFacts, type IncomingMessage } from "@/client/notifications/decide";
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
 * announcement, and the unread count in the tab title.
 */
export function Notifier({ me, source }: { me: string; source: IncomingSource }) {
  const t = useTranslations("notifications");
  const router = useRouter();
  const announce = useAnnounce();
  const translate = useRef(t);
  translate.current = t;
  // The open chat announces its own new messages: only the others are announced here.
  const pathname = useRef("");
  pathname.current = usePathname();

  useEffect(
    () =>
      source.onIncomingMessage((message, conversation) => {
        const tr = translate.current as never;
        const spoken = announcementFor(message, conversation, me, tr);
        const inOpenChat = pathname.current === `/inbox/${message.conversationId}`;
        if (spoken && !inOpenChat && document.visibilityState === "visible") announce(spoken);
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

  useUnreadTitle(source);
  return null;
}

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
