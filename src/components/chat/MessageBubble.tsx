"use client";
import { useTranslations } from "next-intl";
import { useRef, useState } from "react";
import type { ChatEngine } from "@/client/chat/engine";
import type { ConversationView, MessageView } from "@/client/chat/types";
import { MESSAGE } from "@/shared/limits";
import { useAnnounce } from "@/components/a11y/LiveAnnouncer";
import { useConfirm } from "@/components/a11y/ConfirmDialog";
import { DateTime } from "@/components/format/DateTime";
import { MessageMedia } from "@/components/media/MessageMedia";
import { ReportDialog } from "@/components/safety/ReportDialog";
import { LinkifiedText } from "./LinkifiedText";
import { PostCard } from "./PostCard";
import { ReactionBar, ReactionPicker } from "./Reactions";
import { messagePreview, type Previewable } from "./preview";
import { Icon } from "@/components/icons";
import { BotBadge } from "@/components/platform/BotBadge";

export interface BubbleProps {
  message: MessageView;
  mine: boolean;
  me: string;
  conversation: ConversationView | undefined;
  engine: ChatEngine;
  /** The message replied to: held in full, or the server's preview of it. */
  quoted: (Previewable & { senderId: string }) | undefined;
  /** Shown under the bubble: "Sent", "Seen", seen-by. */
  status?: React.ReactNode;
  showSender: boolean;
  onReply(message: MessageView): void;
}

export function MessageBubble({ message, mine, me, conversation, engine, quoted, status, showSender, onReply }: BubbleProps) {
  const t = useTranslations("chat");
  const announce = useAnnounce();
  const confirm = useConfirm();
  const [reporting, setReporting] = useState(false);
  const [menu, setMenu] = useState<"closed" | "actions" | "react">("closed");
  // The picker and the menu go away after a choice: the focus goes back to their button.
  const reactButton = useRef<HTMLButtonElement>(null);
  const moreButton = useRef<HTMLButtonElement>(null);
  const [editing, setEditing] = useState(false);
  const sender = conversation?.members.find((m) => m.id === message.senderId);
  const unsent = Boolean(message.deletedAt);
  // Decided when the menu opens (an event), not while rendering.
  const [canEdit, setCanEdit] = useState(false);
  const openMenu = () => {
    setCanEdit(mine && !unsent && message.kind === "text" && Date.now() - Date.parse(message.createdAt) < MESSAGE.editWindowMs);
    setMenu(menu === "closed" ? "actions" : "closed");
  };
  const myReaction = message.reactions.find((r) => r.userId === me)?.emoji ?? null;

  return (
    <div className={`bubble-row ${mine ? "mine" : "theirs"}`} data-testid="message" data-seq={message.seq} data-mine={mine || undefined}>
      <div className="bubble-column">
        {showSender && !mine && (
          <span className="bubble-sender">
            {sender?.displayName ?? t("someone")}
            {sender?.isBot && <BotBadge />}
          </span>
        )}
        {quoted && (
          <div className="bubble-quote" data-testid="quote">
            <span className="bubble-quote-name">{quoted.senderId === me ? t("you") : (conversation?.members.find((m) => m.id === quoted.senderId)?.displayName ?? t("someone"))}</span>
            <span className="bubble-quote-text">{messagePreview(quoted, t)}</span>
          </div>
        )}
        {message.replyToId && !quoted && (
          <div className="bubble-quote muted" data-testid="quote-unavailable">
            {message.replyTo && "hidden" in message.replyTo ? t("quotedBeforeJoin") : t("quotedUnavailable")}
          </div>
        )}
        <div className="bubble-line">
          <div className={`bubble ${unsent ? "bubble-unsent" : ""}`} data-testid="bubble">
            {unsent ? (
              <span>{t("unsent")}</span>
            ) : editing ? (
              <EditForm message={message} engine={engine} onDone={() => setEditing(false)} />
            ) : (
              <>
                {message.kind === "post" && <PostCard post={message.post} />}
                {message.media?.length ? <MessageMedia message={message} mine={mine} viewerId={me} senderName={mine ? undefined : sender?.displayName} /> : null}
                {message.text ? (
                  <p className="bubble-text">
                    <LinkifiedText text={message.text} />
                  </p>
                ) : null}
              </>
            )}
            {!editing && (
              <span className="bubble-meta">
                {message.editedAt && !unsent && <span className="bubble-edited">{t("edited")}</span>}
                <DateTime date={message.createdAt} as="time" className="bubble-time" />
              </span>
            )}
          </div>
          {!unsent && !editing && (
            <div className="bubble-tools">
              <button
                ref={reactButton}
                type="button"
                className="bubble-tool"
                aria-label={t("react")}
                aria-expanded={menu === "react"}
                onClick={() => setMenu(menu === "react" ? "closed" : "react")}
                data-testid="react-button"
              >
                <Icon name="smile" size={20} />
              </button>
              <button ref={moreButton} type="button" className="bubble-tool" aria-label={t("more")} aria-expanded={menu === "actions"} onClick={openMenu} data-testid="message-actions">
                <Icon name="more" size={20} />
              </button>
            </div>
          )}
        </div>
        {menu === "react" && (
          <ReactionPicker
            current={myReaction}
            onPick={(emoji) => {
              setMenu("closed");
              reactButton.current?.focus();
              void engine.react(message, emoji);
            }}
            onClose={() => {
              setMenu("closed");
              reactButton.current?.focus();
            }}
          />
        )}
        {menu === "actions" && (
          <div
            className="bubble-menu"
            role="group"
            aria-label={t("more")}
            onKeyDown={(e) => {
              if (e.key !== "Escape") return;
              setMenu("closed");
              moreButton.current?.focus();
            }}
          >
            <button type="button" className="chip" onClick={() => (setMenu("closed"), onReply(message))} data-testid="reply-message">
              {t("reply")}
            </button>
            {canEdit && (
              <button type="button" className="chip" onClick={() => (setMenu("closed"), setEditing(true))} data-testid="edit-message">
                {t("edit")}
              </button>
            )}
            {mine && (
              <button
                type="button"
                className="chip danger"
                data-testid="unsend-message"
                onClick={() => {
                  setMenu("closed");
                  confirm.ask({ title: t("confirmUnsend"), confirmLabel: t("unsend"), danger: true, run: () => void engine.unsend(message) });
                }}
              >
                {t("unsend")}
              </button>
            )}
            {!mine && sender && (
              <>
                <button type="button" className="chip" onClick={() => (setMenu("closed"), setReporting(true))} data-testid="report-message">
                  {t("reportMessage")}
                </button>
                <button
                  type="button"
                  className="chip danger"
                  data-testid="block-message-sender"
                  onClick={() => {
                    setMenu("closed");
                    confirm.ask({
                      title: t("confirmBlock", { name: sender.displayName }),
                      confirmLabel: t("block"),
                      danger: true,
                      run: () =>
                        void engine
                          .conversationRequest("POST", `/api/users/${encodeURIComponent(sender.id)}/block`)
                          .then((res) => announce(res.ok ? t("blockedName", { name: sender.displayName }) : res.error.message, res.ok ? "polite" : "assertive")),
                    });
                  }}
                >
                  {t("block")}
                </button>
              </>
            )}
          </div>
        )}
        {confirm.dialog}
        {reporting && sender && <ReportDialog userId={sender.id} name={sender.displayName} messageId={message.id} open onClose={() => setReporting(false)} />}
        {message.reactions.length > 0 && <ReactionBar message={message} me={me} conversation={conversation} onToggleMine={() => void engine.react(message, null)} />}
        {status}
      </div>
    </div>
  );
}

function EditForm({ message, engine, onDone }: { message: MessageView; engine: ChatEngine; onDone(): void }) {
  const t = useTranslations("chat");
  const [text, setText] = useState(message.text ?? "");
  const save = () => {
    const trimmed = text.trim();
    if (trimmed && trimmed !== message.text && trimmed.length <= MESSAGE.textMax) void engine.edit(message, trimmed);
    onDone();
  };
  return (
    <form className="bubble-edit" onSubmit={(e) => (e.preventDefault(), save())}>
      <label className="visually-hidden" htmlFor={`edit-${message.id}`}>
        {t("editing")}
      </label>
      <textarea
        id={`edit-${message.id}`}
        value={text}
        maxLength={MESSAGE.textMax}
        autoFocus
        rows={2}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Escape") onDone();
          if (e.key === "Enter" && !e.shiftKey) e.preventDefault(), save();
        }}
      />
      <span className="bubble-edit-actions">
        <button type="button" className="chip" onClick={onDone}>
          {t("cancel")}
        </button>
        <button type="submit" className="chip primary" data-testid="save-edit">
          {t("save")}
        </button>
      </span>
    </form>
  );
}
