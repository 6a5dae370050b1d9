"use client";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import type { ChatEngine } from "@/client/chat/engine";
import type { MessageView } from "@/client/chat/types";
import { MESSAGE } from "@/shared/limits";
import { ComposerAttachments } from "@/components/media/ComposerAttachments";
import { messagePreview } from "./preview";
import { Icon } from "@/components/icons";

/** Shown only near the limit, so the counter does not distract. */
const COUNTER_FROM = MESSAGE.textMax - 200;

export function Composer({
  engine,
  conversationId,
  canAttach,
  disabledReason,
  replyTo,
  replyToName,
  onCancelReply,
  onSent,
}: {
  engine: ChatEngine;
  conversationId: string;
  canAttach: boolean;
  disabledReason?: string;
  replyTo: MessageView | null;
  replyToName: string;
  onCancelReply(): void;
  onSent(): void;
}) {
  const t = useTranslations("chat");
  const [text, setText] = useState("");
  const [voiceBusy, setVoiceBusy] = useState(false);
  const input = useRef<HTMLTextAreaElement>(null);
  // "Reply" closes the message's menu (and the button that had the focus): the keyboard
  // goes on in the composer, where the reply is written.
  const replyToId = replyTo?.id;
  useEffect(() => {
    if (replyToId) input.current?.focus();
  }, [replyToId]);
  const over = text.length - MESSAGE.textMax;
  const canSend = text.trim().length > 0 && over <= 0;

  const send = () => {
    if (!canSend) return;
    engine.send(conversationId, { text: text.trim(), ...(replyTo ? { replyToId: replyTo.id } : {}) });
    setText("");
    onCancelReply();
    onSent();
    input.current?.focus();
  };

  return (
    <div className="composer">
      {replyTo && (
        <div className="composer-reply" data-testid="composer-reply">
          <span className="composer-reply-text">
            <strong>{t("replyingTo", { name: replyToName })}</strong>
            <span className="muted">{messagePreview(replyTo, t)}</span>
          </span>
          <button type="button" className="icon-button" aria-label={t("cancelReply")} onClick={onCancelReply}>
            <Icon name="close" />
          </button>
        </div>
      )}
      <form className="composer-row" onSubmit={(e) => (e.preventDefault(), send())}>
        <ComposerAttachments
          conversationId={conversationId}
          canAttach={canAttach}
          disabledReason={disabledReason}
          onSend={(body) => {
            engine.send(conversationId, { ...body, ...(replyTo ? { replyToId: replyTo.id } : {}) });
            onCancelReply();
            onSent();
          }}
          onVoiceBusy={setVoiceBusy}
        />
        <label className="visually-hidden" htmlFor={`composer-${conversationId}`}>
          {t("composerLabel")}
        </label>
        <textarea
          ref={input}
          id={`composer-${conversationId}`}
          className="composer-input"
          hidden={voiceBusy}
          placeholder={t("composerPlaceholder")}
          value={text}
          rows={1}
          data-testid="composer"
          aria-describedby={text.length >= COUNTER_FROM ? `composer-count-${conversationId}` : undefined}
          aria-invalid={over > 0 || undefined}
          onChange={(e) => {
            setText(e.target.value);
            if (e.target.value) engine.typing(conversationId);
          }}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey && !e.nativeEvent.isComposing) {
              e.preventDefault();
              send();
            }
          }}
        />
        {!voiceBusy && (
          <button type="submit" className="composer-send" disabled={!canSend} aria-label={t("send")} data-testid="send">
            <Icon name="send" size={20} />
          </button>
        )}
      </form>
      {text.length >= COUNTER_FROM && (
        <p id={`composer-count-${conversationId}`} className={`composer-count ${over > 0 ? "over" : ""}`} aria-live="polite">
          {over > 0 ? t("tooLong", { count: over }) : t("charactersLeft", { count: MESSAGE.textMax - text.length })}
        </p>
      )}
    </div>
  );
}
