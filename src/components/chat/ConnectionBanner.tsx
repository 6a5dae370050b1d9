"use client";
import { useTranslations } from "next-intl";
import type { ChatEngine } from "@/client/chat/engine";
import { useChat } from "./useChat";

/** Says when messages cannot go out right now; silent while connected. */
export function ConnectionBanner({ engine }: { engine: ChatEngine }) {
  const t = useTranslations("chat");
  const { status, state } = useChat(engine);
  // Before the first load "connecting" is just starting up, not worth a banner.
  if (status === "online" || (status === "connecting" && !state.inboxLoaded)) return null;
  return (
    <p className="connection-banner" role="status" data-testid="connection-status" data-status={status}>
      {status === "offline" ? t("offline") : t("reconnecting")}
    </p>
  );
}
