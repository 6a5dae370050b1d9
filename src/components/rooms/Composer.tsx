"use client";
import { useFormatter, useNow, useTranslations } from "next-intl";
import { useState } from "react";
import { ComposerAttachments } from "@/components/media/ComposerAttachments";
import { MESSAGE } from "@/shared/limits";
import { Icon } from "@/components/icons";

export type RoomSendBody = { text?: string; mediaIds?: string[]; voiceNoteId?: string };

/** The message box: Enter sends, Shift+Enter breaks the line; closed while timed out or slowed. */
export function Composer({
  topicName,
  conversationId,
  replyingTo,
  onCancelReply,
  onSend,
  timedOutUntil,
  slowUntil,
  slowModeSeconds,
  error,
}: {
  topicName: string;
  /** The topic's conversation, for uploads. */
  conversationId: string;
  replyingTo?: string;
  onCancelReply(): void;
  onSend(body: RoomSendBody): void;
  timedOutUntil?: string;
  slowUntil?: number;
  slowModeSeconds: number;
  error?: string | null;
}) {
  const t = useTranslations("rooms");
  const format = useFormatter();
  const now = useNow({ updateInterval: 1000 });
  const [text, setText] = useState("");
  const [voiceBusy, setVoiceBusy] = useState(false);
  const timedOut = timedOutUntil && new Date(timedOutUntil).getTime() > now.getTime();
  const wait = slowUntil ? Math.ceil((slowUntil - now.getTime()) / 1000) : 0;

  function send() {
    if (!text.trim() || timedOut || wait > 0) return;
    onSend({ text });
    setText("");
  }

  if (timedOut) {
    return (
      <div className="room-composer room-composer-closed" data-testid="timed-out">
        {t("youAreTimedOut", { when: format.relativeTime(new Date(timedOutUntil!), now) })}
      </div>
    );
  }
  return (
    <form
      className="room-composer"
      onSubmit={(e) => {
        e.preventDefault();
        send();
      }}
    >
      {replyingTo && (
        <div className="room-composer-reply small">
          {t("replyingTo", { name: replyingTo })}
          <button type="button" className="link-button" onClick={onCancelReply}>
            {t("cancelReply")}
          </button>
        </div>
      )}
      {(slowModeSeconds > 0 || error) && (
        <p className="room-composer-note small muted" role="status">
          {error ?? (wait > 0 ? t("slowModeWait", { seconds: wait }) : t("slowModeOn", { seconds: slowModeSeconds }))}
        </p>
      )}
      <div className="room-composer-row">
        <ComposerAttachments
          conversationId={conversationId}
          canAttach={wait <= 0}
          disabledReason={wait > 0 ? t("slowModeWait", { seconds: wait }) : undefined}
          onSend={(body) => onSend(body)}
          onVoiceBusy={setVoiceBusy}
        />
        <label className="visually-hidden" htmlFor="room-composer">
          {t("composerLabel", { topic: topicName })}
        </label>
        <textarea
          id="room-composer"
          hidden={voiceBusy}
          data-testid="room-composer"
          rows={1}
          value={text}
          maxLength={MESSAGE.textMax}
          placeholder={t("composerPlaceholder")}
          onChange={(e) => setText(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === "Enter" && !e.shiftKey) {
              e.preventDefault();
              send();
            }
          }}
        />
        {!voiceBusy && (
          <button type="submit" className="button primary room-send" disabled={!text.trim() || wait > 0} data-testid="room-send">
            <Icon name="send" size={20} />
            <span className="hide-narrow">{t("send")}</span>
          </button>
        )}
      </div>
    </form>
  );
}
