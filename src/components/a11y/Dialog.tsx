"use client";
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef } from "react";
import "./a11y.css";

/**
 * A modal dialog on the native <dialog> element: showModal() makes the rest of the page
 * inert (focus stays inside), Escape closes it, and focus returns to whatever opened it.
 * Give it a `title` (its accessible name); put the first field or the main action first,
 * or mark the element to focus with `autoFocus`.
 */
export function Dialog({
  open,
  onClose,
  title,
  description,
  children,
  className = "",
  testId,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  description?: string;
  children: React.ReactNode;
  className?: string;
  testId?: string;
}) {
  const t = useTranslations("a11y");
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const descriptionId = useId();
  const opener = useRef<Element | null>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      opener.current = document.activeElement;
      dialog.showModal();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const onNativeClose = () => {
      (opener.current as HTMLElement | null)?.focus?.();
      if (open) onClose();
    };
    const onCancel = (e: Event) => {
      e.preventDefault(); // we close it ourselves, so state and DOM agree
      onClose();
    };
    dialog.addEventListener("close", onNativeClose);
    dialog.addEventListener("cancel", onCancel);
    return () => {
      dialog.removeEventListener("close", onNativeClose);
      dialog.removeEventListener("cancel", onCancel);
    };
  }, [open, onClose]);

  return (
    <dialog
      ref={ref}
      className={`dialog ${className}`}
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      data-testid={testId}
      // A click on the backdrop (the dialog element itself, outside its content) closes it.
      onClick={(e) => e.target === e.currentTarget && onClose()}
    >
      {open && (
        <div className="dialog-content">
          <header className="dialog-header">
            <h2 id={titleId} className="dialog-title">
              {title}
            </h2>
            <button type="button" className="icon-button" onClick={onClose} aria-label={t("closeDialog")}>
              <span aria-hidden="true">✕</span>
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
    </dialog>
  );
}
