"use client";
// A modal dialog on the native <dialog>: the page behind is inert (focus stays inside),
// Esc closes it, and focus goes back to what had it before.
import { useEffect, useRef } from "react";

export interface DialogProps {
  open: boolean;
  onClose(): void;
  labelledBy: string;
  className?: string;
  testId?: string;
  children: React.ReactNode;
}

export function Dialog({ open, onClose, labelledBy, className, testId, children }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (!open || !dialog) return;
    const returnTo = document.activeElement as HTMLElement | null;
    if (!dialog.open) dialog.showModal();
    const onCancel = (e: Event) => {
      e.preventDefault(); // React decides whether it closes
      onCloseRef.current();
    };
    dialog.addEventListener("cancel", onCancel);
    return () => {
      dialog.removeEventListener("cancel", onCancel);
      if (dialog.open) dialog.close();
      if (returnTo?.isConnected) returnTo.focus();
    };
  }, [open]);

  if (!open) return null;
  return (
    <dialog ref={ref} className={`media-dialog ${className ?? ""}`} aria-labelledby={labelledBy} data-testid={testId}>
      {children}
    </dialog>
  );
}
