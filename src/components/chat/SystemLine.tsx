import { useTranslations } from "next-intl";
import type { ConversationView, MessageView } from "@/client/chat/types";

type SystemEvent = { type?: string; actorId?: string; userIds?: string[]; userId?: string; title?: string };

/** A group event (created, added, removed, left, renamed), in the reader's language. */
export function SystemLine({ message, conversation, me }: { message: MessageView; conversation: ConversationView | undefined; me: string }) {
  const t = useTranslations("chat");
  const event = (message.systemEvent ?? {}) as SystemEvent;
  const name = (id: string | undefined) =>
    id === me ? t("you") : (conversation?.members.find((m) => m.id === id)?.displayName ?? t("someone"));
  const actor = name(event.actorId ?? message.senderId);
  const names = (event.userIds ?? (event.userId ? [event.userId] : [])).map(name).join(", ");
  const known = ["created", "added", "removed", "left", "renamed"] as const;
  const kind = known.find((k) => k === event.type);
  const text = kind ? t(`system.${kind}`, { actor, names, title: event.title ?? "" }) : (message.text ?? t("system.other", { actor }));
  return (
    <p className="system-line" data-testid="system-message">
      {text}
    </p>
  );
}
