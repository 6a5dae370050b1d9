"use client";
// A modal dialog on the native <dialog>: the page behind is inert (focus stays inside),
// Esc closes it, and focus goes back to what had it before. Rendered into <body>: the
// composer sits in the chat's <form>, and Enter in a dialog's field must not submit it.
import { useEffect, useRef } from "react";
import { createPortal } from "react-dom";

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
  return createPortal(
    <dialog ref={ref} className={`media-dialog ${className ?? ""}`} aria-labelledby={labelledBy} data-testid={testId}>
      {children}
    </dialog>,
    document.body,
  );
}
