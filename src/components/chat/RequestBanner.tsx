"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useConfirm } from "@/components/a11y/ConfirmDialog";
import type { ChatEngine } from "@/client/chat/engine";
import type { ConversationView } from "@/client/chat/types";
import { conversationTitle } from "@/client/chat/timeline";

/** A message request: accept it, delete it, or block the sender. */
export function RequestBanner({ engine, me, conversation }: { engine: ChatEngine; me: string; conversation: ConversationView }) {
  const t = useTranslations("chat");
  const router = useRouter();
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const confirm = useConfirm();
  const name = conversationTitle(conversation, me);
  const sender = conversation.members.find((m) => m.id !== me);
  const base = `/api/conversations/${encodeURIComponent(conversation.id)}`;

  const run = async (action: () => Promise<{ ok: boolean; error?: { message: string } }>, leave: boolean) => {
    setBusy(true);
    const res = await action();
    setBusy(false);
    if (!res.ok) return setError(res.error?.message ?? "");
    if (leave) {
      engine.apply({ type: "conversation:removed", conversationId: conversation.id });
      router.replace("/inbox");
    }
  };

  return (
    <div className="request-banner" data-testid="request-banner">
      <p>{t("requestBanner", { name })}</p>
      <div className="request-actions">
        <button type="button" className="button primary" disabled={busy} onClick={() => run(() => engine.conversationRequest("POST", `${base}/accept`), false)} data-testid="accept-request">
          {t("accept")}
        </button>
        <button type="button" className="button" disabled={busy} onClick={() => run(() => engine.conversationRequest("DELETE", base), true)} data-testid="delete-request">
          {t("delete")}
        </button>
        {sender && (
          <button
            type="button"
            className="button danger"
            disabled={busy}
            data-testid="block-sender"
            onClick={() => {
              confirm.ask({
                title: t("confirmBlock", { name: sender.displayName }),
                confirmLabel: t("block"),
                danger: true,
                run: () =>
                  void run(async () => {
                    const blocked = await engine.conversationRequest("POST", `/api/users/${encodeURIComponent(sender.id)}/block`);
                    return blocked.ok ? engine.conversationRequest("DELETE", base) : blocked;
                  }, true),
              });
            }}
          >
            {t("block")}
          </button>
        )}
      </div>
      {error && <p className="form-error">{error}</p>}
      {confirm.dialog}
    </div>
  );
}
