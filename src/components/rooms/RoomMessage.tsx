"use client";
import { useFormatter, useNow, useTranslations } from "next-intl";
import { MessageMedia } from "@/components/media/MessageMedia";
import type { PersonView } from "@/shared/room-views";
import type { MessageView } from "@/shared/views";
import type { RoomRole } from "@/shared/schemas/rooms";
import { roleKey } from "./labels";
import { ModerationMenu, type ModerationChoices } from "./ModerationMenu";
import { RichText } from "./RichText";
import { Icon } from "@/components/icons";
import { BotBadge } from "@/components/platform/BotBadge";

export const QUICK_REACTIONS = ["❤️", "😂", "🔥", "👏"] as const;

export interface DisplayMessage extends MessageView {
  /** Set while a message of mine is on its way or failed. */
  pending?: "sending" | "failed";
  /** Why it failed, in the server's words. */
  pendingError?: string;
  /** Held back by the server (slow mode, too many messages): until when it waits. */
  waiting?: { code: string; until: string };
}

export function RoomMessage({
  message,
  author,
  authorRole,
  mine,
  quoted,
  quotedAuthor,
  viewerId,
  choices,
  onReply,
  onReact,
  onRetry,
  onDiscard,
}: {
  message: DisplayMessage;
  author?: PersonView;
  authorRole?: RoomRole;
  mine: boolean;
  quoted?: DisplayMessage;
  quotedAuthor?: PersonView;
  viewerId: string;
  choices: ModerationChoices;
  onReply(): void;
  onReact(emoji: string | null): void;
  onRetry(): void;
  onDiscard(): void;
}) {
  const t = useTranslations("rooms");
  const format = useFormatter();
  const name = mine ? t("you") : (author?.displayName ?? t("formerMember"));
  const myReaction = message.reactions.find((r) => r.userId === viewerId)?.emoji;
  const counts = new Map<string, number>();
  for (const r of message.reactions) counts.set(r.emoji, (counts.get(r.emoji) ?? 0) + 1);

  return (
    <li className="room-message" data-mine={mine} data-testid="room-message" data-pending={message.pending}>
      <span className="avatar small-avatar" aria-hidden="true">
        {(author?.displayName ?? "?").slice(0, 1).toUpperCase()}
      </span>
      <div className="room-message-body">
        <div className="room-message-meta">
          <strong>{name}</strong>
          {author?.isBot && <BotBadge />}
          {authorRole && authorRole !== "member" && <span className={`role-badge role-${authorRole}`}>{t(roleKey[authorRole])}</span>}
          <time className="muted small" dateTime={message.createdAt}>
            {format.dateTime(new Date(message.createdAt), { timeStyle: "short" })}
          </time>
        </div>
        {quoted && (
          <blockquote className="room-quote small">
            <strong>{quotedAuthor?.displayName ?? t("formerMember")}</strong> {quoted.deletedAt ? t("deleted") : quoted.text}
          </blockquote>
        )}
        {message.deletedAt ? (
          <p className="room-message-text muted deleted">{t("deleted")}</p>
        ) : (
          <>
            {message.text && (
              <p className="room-message-text">
                <RichText text={message.text} />
              </p>
            )}
            {message.post && <p className="room-message-text small muted">{message.post.title}</p>}
            <MessageMedia message={message} mine={mine} viewerId={viewerId} />
          </>
        )}
        {message.pending === "sending" && <WaitNote message={message} />}
        {message.pending === "failed" && (
          <p className="form-error small" data-testid="room-message-failed">
            {message.pendingError ?? t("failed")}{" "}
            <button type="button" className="link-button" onClick={onRetry}>
              {t("retry")}
            </button>{" "}
            <button type="button" className="link-button" onClick={onDiscard}>
              {t("discard")}
            </button>
          </p>
        )}
        {counts.size > 0 && (
          <div className="reactions">
            {[...counts].map(([emoji, count]) => (
              <button
                key={emoji}
                type="button"
                className="reaction"
                aria-pressed={myReaction === emoji}
                onClick={() => onReact(myReaction === emoji ? null : emoji)}
                aria-label={t("reactWith", { emoji })}
              >
                {emoji} {count}
              </button>
            ))}
          </div>
        )}
      </div>
      {!message.deletedAt && !message.pending && (
        <div className="room-message-actions">
          <button type="button" className="icon-button small-icon" onClick={onReply} aria-label={t("replyTo")} title={t("replyTo")}>
            <Icon name="reply" size={18} />
          </button>
          {QUICK_REACTIONS.slice(0, 2).map((emoji) => (
            <button key={emoji} type="button" className="icon-button small-icon" onClick={() => onReact(myReaction === emoji ? null : emoji)} aria-label={t("reactWith", { emoji })}>
              {emoji}
            </button>
          ))}
          <ModerationMenu label={t("messageActions")} choices={choices} testId="message-menu" />
        </div>
      )}
    </li>
  );
}

/** "Sending…", or why it waits and for how long. */
function WaitNote({ message }: { message: DisplayMessage }) {
  const t = useTranslations("rooms");
  const now = useNow({ updateInterval: 1000 });
  const seconds = message.waiting ? Math.max(1, Math.ceil((Date.parse(message.waiting.until) - now.getTime()) / 1000)) : 0;
  return (
    <p className="room-message-status muted small" data-testid="room-message-status" data-waiting={message.waiting?.code}>
      {!message.waiting ? t("sending") : message.waiting.code === "SLOW_MODE" ? t("slowModeSending", { seconds }) : t("sendingTooFast", { seconds })}
    </p>
  );
}
