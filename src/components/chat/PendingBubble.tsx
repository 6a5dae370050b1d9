"use client";
import { useTranslations } from "next-intl";
import type { ChatEngine } from "@/client/chat/engine";
import { processingProgress } from "@/client/chat/outbox";
import type { ConversationView, OutboxItem } from "@/client/chat/types";
import { LinkifiedText } from "./LinkifiedText";
import { useTicker } from "./useChat";
import { messagePreview, type Previewable } from "./preview";

/** A message of mine the server has not confirmed yet: sending, or failed with retry/delete. */
export function PendingBubble({
  item,
  engine,
  quoted,
  conversation,
  me,
}: {
  item: OutboxItem;
  engine: ChatEngine;
  quoted: (Previewable & { senderId: string }) | undefined;
  conversation: ConversationView;
  me: string;
}) {
  const t = useTranslations("chat");
  const failed = item.status === "failed";
  const now = useTicker(1000, !!item.waiting);
  const waitSeconds = item.waiting ? Math.max(1, Math.ceil((Date.parse(item.waiting.until) - now) / 1000)) : 0;
  return (
    <div className="bubble-row mine pending" data-testid="pending-message" data-status={item.status}>
      <div className="bubble-column">
        {quoted && (
          <div className="bubble-quote">
            <span className="bubble-quote-name">{quoted.senderId === me ? t("you") : (conversation.members.find((m) => m.id === quoted.senderId)?.displayName ?? t("someone"))}</span>
            <span className="bubble-quote-text">{messagePreview(quoted, t)}</span>
          </div>
        )}
        <div className={`bubble ${failed ? "bubble-failed" : ""}`} data-testid="bubble">
          {item.body.text ? (
            <p className="bubble-text">
              <LinkifiedText text={item.body.text} />
            </p>
          ) : (
            <p className="bubble-text muted">{item.body.voiceNoteId ? t("previewVoice") : item.body.sharedPostId ? t("previewPost") : item.processing ? t("previewVideo") : t("previewPhoto")}</p>
          )}
        </div>
        {failed ? (
          <span className="bubble-status failed" data-testid="message-status">
            {t("failed", { reason: item.error?.message ?? "" })}
            <button type="button" className="chip" onClick={() => engine.retrySend(item.clientId)} data-testid="retry-send">
              {t("retry")}
            </button>
            <button type="button" className="chip" onClick={() => engine.discardSend(item.clientId)}>
              {t("delete")}
            </button>
          </span>
        ) : (
          <span className="bubble-status" data-testid="message-status" data-waiting={item.waiting ? item.waiting.code : item.processing ? "PROCESSING" : undefined}>
            {item.waiting ? t("sendingTooFast", { seconds: waitSeconds }) : item.processing ? t("processingVideo", { percent: Math.round(processingProgress(item) * 100) }) : t("sending")}
          </span>
        )}
      </div>
    </div>
  );
}
