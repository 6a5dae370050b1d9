"use client";
import { useId, useState } from "react";
import { useTranslations } from "next-intl";
import { Dialog } from "../a11y/Dialog";

export interface PrivacyWarningProps {
  open: boolean;
  canDismiss: boolean;
  onConfirm(dontShowAgain: boolean): void;
  onCancel(): void;
}

/** What photos and videos can give away, shown before they are sent. */
export function PrivacyWarning({ open, canDismiss, onConfirm, onCancel }: PrivacyWarningProps) {
  const t = useTranslations("media.privacy");
  const titleId = useId();
  const [dontShow, setDontShow] = useState(false);
  return (
    <Dialog open={open} onClose={onCancel} labelledBy={titleId} testId="privacy-warning" className="media-dialog privacy-warning" closeOnBackdrop={false}>
      <h2 id={titleId}>{t("title")}</h2>
      <p>{t("intro")}</p>
      <ul>
        <li>{t("faces")}</li>
        <li>{t("places")}</li>
        <li>{t("documents")}</li>
        <li>{t("screens")}</li>
      </ul>
      <p className="privacy-location">{t("locationRemoved")}</p>
      {canDismiss ? (
        <label className="media-check">
          <input type="checkbox" checked={dontShow} onChange={(e) => setDontShow(e.target.checked)} />
          {t("dontShowAgain")}
        </label>
      ) : (
        <p className="muted small">{t("alwaysForTeens")}</p>
      )}
      <div className="media-dialog-actions">
        <button type="button" className="button" onClick={onCancel}>
          {t("back")}
        </button>
        <button type="button" className="button primary" onClick={() => onConfirm(canDismiss && dontShow)} data-testid="privacy-send">
          {t("send")}
        </button>
      </div>
    </Dialog>
  );
}
