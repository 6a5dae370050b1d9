// One line about a message for the inbox and for announcements.
import type { MessageView } from "@/client/chat/types";

type T = (key: string, values?: Record<string, string | number>) => string;

export function messagePreview(message: MessageView, t: T): string {
  if (message.deletedAt) return t("previewUnsent");
  if (message.kind === "system") return message.text ?? t("previewSystem");
  if (message.text?.trim()) return message.text.replace(/\s+/g, " ").trim();
  if (message.kind === "post") return t("previewPost");
  if (message.kind === "voice") return t("previewVoice");
  if (message.kind === "visual") return t("previewPhoto");
  return "";
}
