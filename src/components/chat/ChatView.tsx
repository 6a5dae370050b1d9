"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from "react";
import { conversationTitle, memberById, seenBy, timeline, typingMembers } from "@/client/chat/timeline";
import type { ConversationView, MessageView } from "@/client/chat/types";
import { Avatar, ConversationAvatar } from "./Avatar";
import { Composer } from "./Composer";
import { ConnectionBanner } from "./ConnectionBanner";
import { GroupInfo } from "./GroupInfo";
import { MessageBubble } from "./MessageBubble";
import { PendingBubble } from "./PendingBubble";
import { messagePreview } from "./preview";
import { RequestBanner } from "./RequestBanner";
import { SystemLine } from "./SystemLine";
import { useChat, useChatEngine, useTicker } from "./useChat";
import "./chat.css";
import { Icon } from "@/components/icons";
import { BotBadge } from "@/components/platform/BotBadge";

/** Near the top by this much, the previous page of history loads. */
const LOAD_OLDER_WITHIN_PX = 200;
const AT_BOTTOM_WITHIN_PX = 80;

export function ChatView({ me, conversationId }: { me: string; conversationId: string }) {
  const t = useTranslations("chat");
  const format = useFormatter();
  const router = useRouter();
  const engine = useChatEngine(me);
  const { state, outbox } = useChat(engine);
  const conversation = state.conversations[conversationId];
  const items = useMemo(() => timeline(state, outbox, conversationId), [state, outbox, conversationId]);
  const messages = state.messages[conversationId];
  const [replyTo, setReplyTo] = useState<MessageView | null>(null);
  const [infoOpen, setInfoOpen] = useState(false);
  const [announcement, setAnnouncement] = useState("");
  const [loadingOlder, setLoadingOlder] = useState(false);
  const scroller = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const prependFrom = useRef<number | null>(null);

  useEffect(() => {
    void engine.open(conversationId);
    setReplyTo(null);
    setInfoOpen(false);
    atBottom.current = true;
  }, [engine, conversationId]);

  // A conversation that disappeared (deleted request, removed from the group): back to the inbox.
  useEffect(() => {
    if (state.inboxLoaded && !conversation && messages === undefined) router.replace("/inbox");
  }, [state.inboxLoaded, conversation, messages, router]);

  // Announce new messages politely, never typing.
  useEffect(
    () =>
      engine.onIncomingMessage((message, c) => {
        if (message.conversationId !== conversationId || message.kind === "system") return;
        const name = memberById(c, message.senderId)?.displayName ?? t("someone");
        setAnnouncement(t("announceNew", { name, text: messagePreview(message, t) }));
      }),
    [engine, conversationId, t],
  );

  // Keep the view pinned to the newest message, and in place when older ones are prepended.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs after each change of the items drawn
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (prependFrom.current !== null) {
      el.scrollTop += el.scrollHeight - prependFrom.current;
      prependFrom.current = null;
    } else if (atBottom.current) {
      el.scrollTop = el.scrollHeight;
    }
  }, [items]);

  const lastSeq = items.reduce((max, i) => (i.kind === "message" ? Math.max(max, i.message.seq) : max), 0);
  const markRead = useCallback(() => {
    if (atBottom.current && document.visibilityState === "visible" && lastSeq) engine.markRead(conversationId, lastSeq);
  }, [engine, conversationId, lastSeq]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new unread message is read again while the chat is in view
  useEffect(() => {
    markRead();
    document.addEventListener("visibilitychange", markRead);
    return () => document.removeEventListener("visibilitychange", markRead);
  }, [markRead, conversation?.unreadCount]);

  const onScroll = async () => {
    const el = scroller.current;
    if (!el) return;
    atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < AT_BOTTOM_WITHIN_PX;
    if (atBottom.current) markRead();
    if (el.scrollTop < LOAD_OLDER_WITHIN_PX && !loadingOlder && state.hasOlder[conversationId] !== false && messages) {
      setLoadingOlder(true);
      prependFrom.current = el.scrollHeight;
      await engine.loadOlder(conversationId);
      setLoadingOlder(false);
    }
  };

  const typing = conversation ? typingMembers(state, conversation, Date.now()) : [];
  useTicker(1000, typing.length > 0);

  if (!conversation) {
    return (
      <section className="chat" aria-busy="true">
        <p className="empty-state">{t("loading")}</p>
      </section>
    );
  }

  const others = conversation.members.filter((m) => m.id !== me);
  const title = conversationTitle(conversation, me);
  const isGroup = conversation.kind === "group";
  const myLastSeq = items.reduce((max, i) => (i.kind === "message" && i.message.senderId === me ? Math.max(max, i.message.seq) : max), 0);
  // A 1:1 request I sent: text and posts only until they accept.
  const awaitingTheirAccept = !isGroup && others.some((m) => m.state === "request");
  const canAttach = Boolean(conversation.lastMessage) && !awaitingTheirAccept && conversation.state === "active";
  const byId = (id: string | undefined) => (id ? Object.values(messages ?? {}).find((m) => m.id === id) : undefined);

  return (
    <section className="chat" aria-labelledby="chat-title" data-testid="chat-view">
      <header className="chat-head">
        <Link href="/inbox" className="icon-button chat-back" aria-label={t("back")}>
          <Icon name="back" />
        </Link>
        {isGroup ? <ConversationAvatar people={others} size={40} /> : <Avatar person={others[0]} size={40} />}
        <div className="chat-head-text">
          <h2 id="chat-title" className="chat-title" data-testid="chat-title">
            {title}
            {!isGroup && others[0]?.isBot && <BotBadge />}
          </h2>
          {!isGroup && others[0] && <span className="muted small">@{others[0].username}</span>}
          {isGroup && (
            <span className="muted small">
              {t("members")}: {conversation.members.length}
            </span>
          )}
        </div>
        <button type="button" className="icon-button" aria-label={t("info")} aria-expanded={infoOpen} onClick={() => setInfoOpen(!infoOpen)} data-testid="chat-info">
          <Icon name="info" />
        </button>
      </header>
      <ConnectionBanner engine={engine} />
      {infoOpen && <GroupInfo engine={engine} me={me} conversation={conversation} onClose={() => setInfoOpen(false)} />}
      {conversation.state === "request" && <RequestBanner engine={engine} me={me} conversation={conversation} />}
      {awaitingTheirAccept && <p className="chat-notice muted small">{t("requestPending")}</p>}

      <div className="chat-scroller" ref={scroller} onScroll={onScroll} data-testid="message-list">
        <div className="chat-history-edge muted small">{state.hasOlder[conversationId] === false ? t("startOfConversation") : loadingOlder ? t("loadingOlder") : "\u00a0"}</div>
        <ol className="chat-items" aria-label={t("messagesLabel")}>
          {items.map((item, index) => {
            if (item.kind === "day") {
              return (
                // A list item (an <ol> may hold only those), read out as the day's label.
                <li key={item.key} className="day-separator">
                  <span>{dayLabel(item.date, t, format)}</span>
                </li>
              );
            }
            if (item.kind === "pending") {
              return (
                <li key={item.key}>
                  <PendingBubble item={item.item} engine={engine} quoted={byId(item.item.body.replyToId)} conversation={conversation} me={me} />
                </li>
              );
            }
            const message = item.message;
            if (message.kind === "system") {
              return (
                <li key={item.key}>
                  <SystemLine message={message} conversation={conversation} me={me} />
                </li>
              );
            }
            const previous = items[index - 1];
            const mine = message.senderId === me;
            const showSender = isGroup && !(previous?.kind === "message" && previous.message.senderId === message.senderId);
            return (
              <li key={item.key}>
                <MessageBubble
                  message={message}
                  mine={mine}
                  me={me}
                  conversation={conversation}
                  engine={engine}
                  quoted={byId(message.replyToId) ?? replyPreview(message)}
                  showSender={showSender}
                  onReply={setReplyTo}
                  status={mine && message.seq === myLastSeq ? <ReadState conversation={conversation} me={me} seq={message.seq} /> : undefined}
                />
              </li>
            );
          })}
        </ol>
      </div>
      <p className="typing-indicator muted small" data-testid="typing">
        {typing.length === 1 ? t("typingOne", { name: typing[0].displayName }) : typing.length > 1 ? t("typingMany") : "\u00a0"}
      </p>
      <p className="visually-hidden" aria-live="polite" data-testid="chat-announcer">
        {announcement}
      </p>
      <Composer
        engine={engine}
        conversationId={conversationId}
        canAttach={canAttach}
        disabledReason={awaitingTheirAccept ? t("attachAfterAccept") : !conversation.lastMessage ? t("attachAfterFirst") : undefined}
        replyTo={replyTo}
        replyToName={replyTo ? (replyTo.senderId === me ? t("you") : (memberById(conversation, replyTo.senderId)?.displayName ?? t("someone"))) : ""}
        onCancelReply={() => setReplyTo(null)}
        onSent={() => (atBottom.current = true)}
      />
    </section>
  );
}

/** The server's preview of the quoted message, when the message itself is not loaded (none when it is hidden). */
function replyPreview(message: MessageView) {
  const preview = message.replyTo;
  return preview && !("hidden" in preview) ? preview : undefined;
}

/** "Sent", "Seen" in a 1:1, the readers' avatars and names in a group. */
function ReadState({ conversation, me, seq }: { conversation: ConversationView; me: string; seq: number }) {
  const t = useTranslations("chat");
  const readers = seenBy(conversation, me, seq);
  if (!readers.length)
    return (
      <span className="bubble-status" data-testid="message-status">
        {t("sent")}
      </span>
    );
  if (conversation.kind !== "group")
    return (
      <span className="bubble-status" data-testid="message-status">
        {t("seen")}
      </span>
    );
  const names = readers.map((r) => r.displayName).join(", ");
  return (
    <span className="bubble-status seen-by" data-testid="message-status" role="img" aria-label={t("seenBy", { names })} title={t("seenBy", { names })}>
      {readers.slice(0, 5).map((r) => (
        <Avatar key={r.id} person={r} size={16} />
      ))}
      <span aria-hidden="true">{t("seenBy", { names })}</span>
    </span>
  );
}

function dayLabel(iso: string, t: ReturnType<typeof useTranslations>, format: ReturnType<typeof useFormatter>): string {
  const day = iso.slice(0, 10);
  const now = new Date();
  const today = now.toISOString().slice(0, 10);
  const yesterday = new Date(now.getTime() - 86_400_000).toISOString().slice(0, 10);
  if (day === today) return t("today");
  if (day === yesterday) return t("yesterday");
  return format.dateTime(new Date(iso), { weekday: "long", day: "numeric", month: "long", year: day.slice(0, 4) === today.slice(0, 4) ? undefined : "numeric" });
}
