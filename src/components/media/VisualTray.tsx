"use client";
// The visuals waiting to be sent: thumbnails in order, with move, edit and remove, and
// each upload's progress, cancel and retry while sending.
import { useTranslations } from "next-intl";
import { Icon } from "@/components/icons";
import type { Visual } from "./uploadQueue";

export interface VisualTrayProps {
  visuals: Visual[];
  sending: boolean;
  onMove(id: string, by: number): void;
  onRemove(id: string): void;
  onEdit(id: string): void;
  onRetry(id: string): void;
}

export function VisualTray({ visuals, sending, onMove, onRemove, onEdit, onRetry }: VisualTrayProps) {
  const t = useTranslations("media.tray");
  const te = useTranslations("errors");
  return (
    <ol className="visual-tray" aria-label={t("label", { count: visuals.length })} data-testid="visual-tray">
      {visuals.map((v, i) => {
        const name = t(v.kind === "video" ? "videoN" : "photoN", { n: i + 1 });
        const u = v.upload;
        return (
          <li key={v.id} className="tray-item" data-testid="tray-item" data-state={u.state}>
            <div className="tray-thumb">
              {v.kind === "video" ? (
                // biome-ignore lint/a11y/noAriaHiddenOnFocusable: a video without controls takes no focus; the tile's buttons are the controls
                <video src={v.previewUrl} muted playsInline preload="metadata" aria-hidden="true" />
              ) : v.previewUrl ? (
                // eslint-disable-next-line @next/next/no-img-element
                <img src={v.previewUrl} alt="" />
              ) : null}
              {v.kind === "video" ? (
                <span className="tray-badge" aria-hidden="true">
                  <Icon name="play" size={12} />
                </span>
              ) : null}
              {(v.photoEdits || v.videoEdits) && !sending ? <span className="tray-badge tray-badge-edited">{t("edited")}</span> : null}
              {u.state === "uploading" || u.state === "waiting" ? (
                <progress className="tray-progress" max={1} value={u.state === "uploading" ? u.progress : undefined} aria-label={t("uploading", { name })} />
              ) : null}
              {u.state === "done" ? (
                <span className="tray-done" role="img" aria-label={t("uploaded", { name })}>
                  <Icon name="check" size={16} />
                </span>
              ) : null}
            </div>
            {u.state === "failed" ? (
              <p className="tray-error" data-testid="tray-error">
                {te(u.code)}
                {u.retryable ? (
                  <button type="button" className="link-button" onClick={() => onRetry(v.id)}>
                    {t("retry")}
                  </button>
                ) : null}
              </p>
            ) : null}
            <div className="tray-actions">
              {sending ? (
                u.state !== "done" ? (
                  <button type="button" className="tray-button" onClick={() => onRemove(v.id)} aria-label={t("cancelUpload", { name })}>
                    <Icon name="close" size={16} />
                  </button>
                ) : null
              ) : (
                <>
                  <button type="button" className="tray-button" onClick={() => onMove(v.id, -1)} disabled={i === 0} aria-label={t("moveEarlier", { name })}>
                    <Icon name="left" size={18} />
                  </button>
                  <button type="button" className="tray-button" onClick={() => onEdit(v.id)} aria-label={t("edit", { name })} data-testid="tray-edit">
                    <Icon name="edit" size={18} />
                  </button>
                  <button type="button" className="tray-button" onClick={() => onMove(v.id, 1)} disabled={i === visuals.length - 1} aria-label={t("moveLater", { name })}>
                    <Icon name="right" size={18} />
                  </button>
                  <button type="button" className="tray-button" onClick={() => onRemove(v.id)} aria-label={t("remove", { name })}>
                    <Icon name="close" size={16} />
                  </button>
                </>
              )}
            </div>
          </li>
        );
      })}
    </ol>
  );
}
