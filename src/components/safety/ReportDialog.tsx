"use client";
// Report a user, from their profile or from one of their messages (pass `messageId`).
// A modal <dialog>: focus moves in and is trapped, Escape closes it. After sending,
// it offers to block the person too (POST /api/users/:id/block).
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { REPORT } from "@/shared/limits";
import { REPORT_REASONS, type ReportReason } from "@/shared/schemas/safety";
import "./safety.css";

export interface ReportDialogProps {
  userId: string;
  /** Shown in the title and the follow-up, e.g. the display name. */
  name: string;
  messageId?: string;
  open: boolean;
  onClose(): void;
  /** Called after the person was blocked from the dialog. */
  onBlocked?(): void;
}

type Step = "form" | "sending" | "sent" | "blocking" | "blocked";

export function ReportDialog({ userId, name, messageId, open, onClose, onBlocked }: ReportDialogProps) {
  const t = useTranslations("safety");
  const dialog = useRef<HTMLDialogElement>(null);
  const [reason, setReason] = useState<ReportReason | null>(null);
  const [details, setDetails] = useState("");
  const [step, setStep] = useState<Step>("form");
  const [error, setError] = useState<string | null>(null);
  const titleId = useId();
  const detailsHintId = useId();

  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (open && !el.open) {
      setReason(null);
      setDetails("");
      setStep("form");
      setError(null);
      el.showModal();
    } else if (!open && el.open) {
      el.close();
    }
  }, [open]);

  const detailsRequired = reason === "other";

  async function send(event: React.FormEvent) {
    event.preventDefault();
    if (!reason) return setError(t("chooseReason"));
    if (detailsRequired && !details.trim()) return setError(t("detailsRequired"));
    setStep("sending");
    setError(null);
    const res = await fetch(`/api/users/${encodeURIComponent(userId)}/report`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ reason, ...(details.trim() ? { details: details.trim() } : {}), ...(messageId ? { messageId } : {}) }),
    }).catch(() => null);
    if (res?.ok) return setStep("sent");
    setStep("form");
    setError((await errorMessage(res)) ?? t("failed"));
  }

  async function block() {
    setStep("blocking");
    setError(null);
    const res = await fetch(`/api/users/${encodeURIComponent(userId)}/block`, { method: "POST" }).catch(() => null);
    if (res?.ok) {
      setStep("blocked");
      onBlocked?.();
      return;
    }
    setStep("sent");
    setError((await errorMessage(res)) ?? t("failed"));
  }

  const done = step === "sent" || step === "blocking" || step === "blocked";
  return (
    <dialog ref={dialog} className="report-dialog" aria-labelledby={titleId} onClose={onClose} data-testid="report-dialog">
      {!done ? (
        <form className="form" onSubmit={send} noValidate>
          <div>
            <h2 id={titleId}>{t("reportTitle", { name })}</h2>
            <p className="muted">{t("reportIntro", { name })}</p>
          </div>
          <fieldset>
            <legend>{t("reasonLegend")}</legend>
            {REPORT_REASONS.map((r) => (
              <label key={r} className="report-reason">
                <input type="radio" name="reason" value={r} checked={reason === r} onChange={() => setReason(r)} data-testid={`report-reason-${r}`} />
                {t(`reasons.${r}`)}
              </label>
            ))}
          </fieldset>
          <label>
            {detailsRequired ? t("detailsRequired") : t("detailsLabel")}
            <textarea
              value={details}
              maxLength={REPORT.detailsMax}
              onChange={(e) => setDetails(e.target.value)}
              aria-describedby={detailsHintId}
              aria-required={detailsRequired}
              data-testid="report-details"
            />
            <small id={detailsHintId}>{detailsRequired ? t("detailsHintRequired", { max: REPORT.detailsMax }) : t("detailsHint", { max: REPORT.detailsMax })}</small>
          </label>
          <p className="form-error" role="status" data-testid="report-error">
            {error}
          </p>
          <div className="report-actions">
            <button type="button" className="button" onClick={onClose}>
              {t("cancel")}
            </button>
            <button type="submit" className="button primary" disabled={step === "sending"} data-testid="report-send">
              {step === "sending" ? t("sending") : t("send")}
            </button>
          </div>
        </form>
      ) : (
        <div className="form" data-testid="report-sent">
          <h2 id={titleId}>{t("sentTitle")}</h2>
          <p role="status">{step === "blocked" ? t("blocked", { name }) : t("sentBody", { name })}</p>
          {error && <p className="form-error">{error}</p>}
          <div className="report-actions">
            {step !== "blocked" && (
              <button type="button" className="button" onClick={block} disabled={step === "blocking"} data-testid="report-block">
                {step === "blocking" ? t("blocking") : t("block", { name })}
              </button>
            )}
            <button type="button" className="button primary" onClick={onClose} autoFocus>
              {t("close")}
            </button>
          </div>
        </div>
      )}
    </dialog>
  );
}

/** The server's translated message from an error answer, if there is one. */
async function errorMessage(res: Response | null): Promise<string | null> {
  if (!res) return null;
  const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
  return body?.error?.message ?? null;
}

/** A button that opens the report dialog; drop it into a profile or a message menu. */
export function ReportButton({ className = "button", ...props }: Omit<ReportDialogProps, "open" | "onClose"> & { className?: string }) {
  const t = useTranslations("safety");
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className={className} onClick={() => setOpen(true)} data-testid="report-open">
        {t("report")}
      </button>
      <ReportDialog {...props} open={open} onClose={() => setOpen(false)} />
    </>
  );
}
