"use client";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { ROOMS } from "@/shared/limits";

/** Confirms a ban and asks for the reason that goes into the moderation log. */
export function BanDialog({ name, onConfirm, onClose }: { name: string; onConfirm(reason: string): void; onClose(): void }) {
  const t = useTranslations("rooms");
  const ref = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState("");
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return (
    <dialog ref={ref} className="ban-dialog" onClose={onClose} aria-labelledby="ban-title" data-testid="ban-dialog">
      <form
        method="dialog"
        className="form"
        onSubmit={(e) => {
          e.preventDefault();
          onConfirm(reason);
          ref.current?.close();
        }}
      >
        <p id="ban-title">
          <strong>{t("confirmBan", { name })}</strong>
        </p>
        <label>
          {t("reasonPrompt")}
          <input value={reason} onChange={(e) => setReason(e.target.value)} maxLength={ROOMS.moderationReasonMax} autoFocus />
        </label>
        <div className="row">
          <button type="submit" className="button primary danger-button">
            {t("ban")}
          </button>
          <button type="button" className="button" onClick={() => ref.current?.close()}>
            {t("cancel")}
          </button>
        </div>
      </form>
    </dialog>
  );
}
