"use client";
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { createPortal } from "react-dom";
import "./a11y.css";
import { Icon } from "@/components/icons";

/**
 * The one modal dialog, on the native <dialog> element: showModal() makes the rest of the
 * page inert (focus stays inside), Escape closes it, and focus returns to whatever opened it
 * (also when the dialog is unmounted while open). It is rendered into <body>: a dialog opened
 * from the chat's composer sits inside its <form>, and Enter in a dialog's field must not
 * submit that form.
 *
 * Either give it a `title` (it renders a header with the title and a close button), or render
 * your own heading and pass its id as `labelledBy`. Put the first field or the main action
 * first, or mark the element to focus with `autoFocus`.
 */
export function Dialog({
  open,
  onClose,
  title,
  labelledBy,
  description,
  children,
  className = "",
  testId,
  closeOnBackdrop = true,
}: {
  open: boolean;
  onClose: () => void;
  title?: string;
  labelledBy?: string;
  description?: string;
  children: React.ReactNode;
  className?: string;
  testId?: string;
  /** A click on the backdrop closes it (not for editors, where that would lose work). */
  closeOnBackdrop?: boolean;
}) {
  const t = useTranslations("a11y");
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;
  // Portals need the document: render nothing on the server and in the first client pass.
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);

  useEffect(() => {
    const dialog = ref.current;
    if (!open || !mounted || !dialog) return;
    const returnTo = document.activeElement as HTMLElement | null;
    if (!dialog.open) dialog.showModal();
    const onCancel = (e: Event) => {
      e.preventDefault(); // React decides whether it closes, so state and DOM agree
      onCloseRef.current();
    };
    dialog.addEventListener("cancel", onCancel);
    return () => {
      dialog.removeEventListener("cancel", onCancel);
      if (dialog.open) dialog.close();
      if (returnTo?.isConnected) returnTo.focus();
    };
  }, [open, mounted]);

  if (!open || !mounted) return null;
  return createPortal(
    // biome-ignore lint/a11y/useKeyWithClickEvents: the click is on the backdrop; the keyboard closes a dialog with Esc (the dialog's own cancel event)
    <dialog
      ref={ref}
      // Your own heading, your own styles; the built-in header comes with the shared look.
      className={labelledBy ? className : `dialog ${className}`}
      aria-labelledby={labelledBy ?? titleId}
      aria-describedby={description ? descriptionId : undefined}
      data-testid={testId}
      // A click on the backdrop (the dialog element itself, outside its content) closes it.
      onClick={closeOnBackdrop ? (e) => e.target === e.currentTarget && onClose() : undefined}
    >
      {labelledBy ? (
        children
      ) : (
        <div className="dialog-content">
          <header className="dialog-header">
            <h2 id={titleId} className="dialog-title">
              {title}
            </h2>
            <button type="button" className="icon-button" onClick={onClose} aria-label={t("closeDialog")}>
              <Icon name="close" />
            </button>
          </header>
          {description && (
            <p id={descriptionId} className="muted">
              {description}
            </p>
          )}
          {children}
        </div>
      )}
    </dialog>,
    document.body,
  );
}
