"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { Dialog } from "./Dialog";

/**
 * "Are you sure?" in the app's own modal dialog (never window.confirm): the question as
 * its title, an optional explanation, Cancel and the action. The action button has the
 * focus first, so Enter confirms and Escape cancels, as with the browser's own.
 */
export function ConfirmDialog({
  open,
  title,
  description,
  confirmLabel,
  danger = false,
  busy = false,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  title: string;
  description?: string;
  confirmLabel: string;
  danger?: boolean;
  busy?: boolean;
  onConfirm(): void;
  onCancel(): void;
}) {
  const t = useTranslations("a11y");
  return (
    <Dialog open={open} onClose={onCancel} title={title} description={description} testId="confirm-dialog" className="confirm-dialog">
      <div className="confirm-actions">
        <button type="button" className="button" onClick={onCancel} data-testid="confirm-cancel">
          {t("cancel")}
        </button>
        <button type="button" className={`button ${danger ? "danger" : "primary"}`} onClick={onConfirm} disabled={busy} autoFocus data-testid="confirm-accept">
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}

/** One pending question at a time: `ask(...)` opens it, the dialog element renders it. */
export function useConfirm() {
  const [pending, setPending] = useState<{ title: string; description?: string; confirmLabel: string; danger?: boolean; run(): void | Promise<void> } | null>(null);
  const dialog = (
    <ConfirmDialog
      open={pending !== null}
      title={pending?.title ?? ""}
      description={pending?.description}
      confirmLabel={pending?.confirmLabel ?? ""}
      danger={pending?.danger}
      onCancel={() => setPending(null)}
      onConfirm={() => {
        const run = pending?.run;
        setPending(null);
        void run?.();
      }}
    />
  );
  return { ask: setPending, dialog };
}
