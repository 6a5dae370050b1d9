"use client";
import { useTranslations } from "next-intl";
import type { ConversationView, MessageView } from "@/client/chat/types";

export const REACTION_CHOICES = ["❤️", "😂", "😮", "😢", "😡", "👍"] as const;

/** A small picker: one emoji per person; picking mine again takes it back. */
export function ReactionPicker({ current, onPick, onClose }: { current: string | null; onPick(emoji: string | null): void; onClose(): void }) {
  const t = useTranslations("chat");
  return (
    <div className="reaction-picker" role="group" aria-label={t("react")} onKeyDown={(e) => e.key === "Escape" && onClose()} data-testid="reaction-picker">
      {REACTION_CHOICES.map((emoji, i) => (
        <button
          key={emoji}
          type="button"
          className="reaction-choice"
          aria-pressed={current === emoji}
          aria-label={current === emoji ? t("removeReaction") : t("reactWith", { emoji })}
          autoFocus={i === 0}
          onClick={() => onPick(current === emoji ? null : emoji)}
        >
          {emoji}
        </button>
      ))}
    </div>
  );
}

/** Reactions under a bubble, grouped by emoji, with who reacted. */
export function ReactionBar({ message, me, conversation, onToggleMine }: { message: MessageView; me: string; conversation: ConversationView | undefined; onToggleMine(): void }) {
  const t = useTranslations("chat");
  const groups = new Map<string, string[]>();
  for (const r of message.reactions) groups.set(r.emoji, [...(groups.get(r.emoji) ?? []), r.userId]);
  const name = (id: string) => (id === me ? t("you") : (conversation?.members.find((m) => m.id === id)?.displayName ?? t("someone")));
  return (
    <div className="reaction-bar" data-testid="reactions">
      {[...groups].map(([emoji, users]) => {
        const label = t("reactionSummary", { emoji, names: users.map(name).join(", ") });
        return users.includes(me) ? (
          <button key={emoji} type="button" className="reaction-pill mine" title={label} aria-label={`${label}. ${t("removeReaction")}`} onClick={onToggleMine}>
            {emoji} {users.length > 1 ? users.length : ""}
          </button>
        ) : (
          <span key={emoji} className="reaction-pill" title={label} aria-label={label} role="img">
            {emoji} {users.length > 1 ? users.length : ""}
          </span>
        );
      })}
    </div>
  );
}
