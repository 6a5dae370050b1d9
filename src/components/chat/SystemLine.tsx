import { useTranslations } from "next-intl";
import type { ConversationView, MessageView } from "@/client/chat/types";

type SystemEvent = { type?: string; userIds?: string[]; userId?: string; title?: string };

/** The server's event types and the catalogue keys that say them. */
const KEYS: Record<string, "created" | "added" | "removed" | "left" | "renamed"> = {
  group_created: "created",
  members_added: "added",
  member_removed: "removed",
  member_left: "left",
  group_renamed: "renamed",
};

/** A group event (created, added, removed, left, renamed), in the reader's language. */
export function SystemLine({ message, conversation, me }: { message: MessageView; conversation: ConversationView | undefined; me: string }) {
  const t = useTranslations("chat");
  const event = (message.systemEvent ?? {}) as SystemEvent;
  const name = (id: string | undefined) => (id === me ? t("you") : (conversation?.members.find((m) => m.id === id)?.displayName ?? t("someone")));
  const actor = name(message.senderId); // the sender of a system message is who did it
  const names = (event.userIds ?? (event.userId ? [event.userId] : [])).map(name).join(", ");
  const kind = event.type ? KEYS[event.type] : undefined;
  const text = kind ? t(`system.${kind}`, { actor, names, title: event.title ?? "" }) : (message.text ?? t("system.other", { actor }));
  return (
    <p className="system-line" data-testid="system-message">
      {text}
    </p>
  );
}
