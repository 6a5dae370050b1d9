"use client";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { RelativeTime } from "@/components/format/RelativeTime";
import { useState } from "react";
import { conversationTitle, sortedInbox } from "@/client/chat/timeline";
import { Avatar, ConversationAvatar } from "./Avatar";
import { ConnectionBanner } from "./ConnectionBanner";
import { messagePreview } from "./preview";
import { useChat, useChatEngine } from "./useChat";
import "./chat.css";
import { Icon } from "@/components/icons";
import { BotBadge } from "@/components/platform/BotBadge";

/** The inbox: conversations by last activity, and message requests in their own tab. */
export function InboxList({ me, activeId }: { me: string; activeId?: string }) {
  const t = useTranslations("chat");
  const shell = useTranslations("shell");
  const engine = useChatEngine(me);
  const { state } = useChat(engine);
  const [tab, setTab] = useState<"active" | "request">("active");
  const list = sortedInbox(state, tab);
  const requestCount = sortedInbox(state, "request").length;

  return (
    <div className="inbox">
      <div className="inbox-head">
        <h1 className="pane-title">{shell("inbox")}</h1>
        <Link href="/inbox/new" className="icon-button inbox-new" aria-label={t("newMessage")} title={t("newMessage")} data-testid="new-message">
          <Icon name="edit" />
        </Link>
      </div>
      {/* Beside an open chat, the chat shows it. */}
      {!activeId && <ConnectionBanner engine={engine} />}
      <div className="inbox-tabs" role="tablist" aria-label={t("chats")}>
        <button type="button" role="tab" aria-selected={tab === "active"} className="inbox-tab" onClick={() => setTab("active")} data-testid="tab-chats">
          {t("chats")}
        </button>
        <button type="button" role="tab" aria-selected={tab === "request"} className="inbox-tab" onClick={() => setTab("request")} data-testid="tab-requests">
          {requestCount ? t("requestsCount", { count: requestCount }) : t("requests")}
        </button>
      </div>
      {!state.inboxLoaded ? (
        <p className="inbox-empty muted">{t("loading")}</p>
      ) : list.length === 0 ? (
        <div className="inbox-empty">
          <p>{tab === "active" ? t("emptyChats") : t("emptyRequests")}</p>
          {tab === "active" && <p className="muted small">{t("emptyChatsHint")}</p>}
        </div>
      ) : (
        // biome-ignore lint/a11y/noRedundantRoles: Safari drops the list role of a list styled without bullets
        <ul className="inbox-list" role="list" data-testid="inbox-list">
          {list.map((c) => {
            const others = c.members.filter((m) => m.id !== me);
            const last = c.lastMessage;
            const preview = last ? messagePreview(last, t) : "";
            const unread = c.unreadCount > 0;
            return (
              <li key={c.id}>
                <Link href={`/inbox/${c.id}`} className="inbox-row" aria-current={c.id === activeId ? "page" : undefined} data-testid="inbox-row" data-unread={unread || undefined}>
                  {c.kind === "group" ? <ConversationAvatar people={others} /> : <Avatar person={others[0]} size={48} />}
                  <span className="inbox-row-body">
                    <span className="inbox-row-top">
                      <span className="inbox-row-title">
                        {conversationTitle(c, me)}
                        {c.kind === "direct" && others[0]?.isBot && <BotBadge />}
                      </span>
                      {last && <RelativeTime className="inbox-row-time" date={last.createdAt} />}
                    </span>
                    <span className="inbox-row-bottom">
                      <span className="inbox-row-preview">{last?.senderId === me && preview ? t("youSaid", { text: preview }) : preview}</span>
                      {c.muted && (
                        <span className="inbox-muted" title={t("muted")} aria-label={t("muted")} role="img">
                          <Icon name="bellOff" size={14} />
                        </span>
                      )}
                      {unread && (
                        <span className="badge" data-testid="unread-badge" role="img" aria-label={t("unread", { count: c.unreadCount })}>
                          {c.unreadCount > 99 ? "99+" : c.unreadCount}
                        </span>
                      )}
                    </span>
                  </span>
                </Link>
              </li>
            );
          })}
        </ul>
      )}
    </div>
  );
}
