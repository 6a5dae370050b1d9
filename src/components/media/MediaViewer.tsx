"use client";
// Full-screen viewer for a message's visuals: arrows, ←/→/Esc, swipe, video playback, download.
import { useId, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { Dialog } from "../a11y/Dialog";
import { Icon } from "@/components/icons";
import type { Visual } from "./VisualGrid";

const SWIPE_PX = 50;

export function MediaViewer({ visuals, start, onClose }: { visuals: Visual[]; start: number; onClose(): void }) {
  const t = useTranslations("media.viewer");
  const titleId = useId();
  const [index, setIndex] = useState(start);
  const swipe = useRef<{ x: number; y: number } | null>(null);
  const v = visuals[index];
  const count = visuals.length;
  const go = (by: number) => setIndex((i) => Math.min(count - 1, Math.max(0, i + by)));
  const alt = v.altText || t(v.kind === "video" ? "genericVideo" : "genericPhoto", { n: index + 1, count });

  return (
    <Dialog open onClose={onClose} labelledBy={titleId} className="media-dialog viewer-dialog" closeOnBackdrop={false} testId="media-viewer">
      {/* biome-ignore lint/a11y/noStaticElementInteractions: the viewer's arrow keys, for the whole dialog it fills */}
      <div
        className="viewer"
        onKeyDown={(e) => {
          if (e.key === "ArrowLeft") go(-1);
          else if (e.key === "ArrowRight") go(1);
          else return;
          e.preventDefault();
        }}
      >
        <header className="viewer-bar">
          <h2 id={titleId} className="viewer-counter" aria-live="polite">
            {t("counter", { n: index + 1, count })}
          </h2>
          <a className="button viewer-download" href={v.url} download data-testid="viewer-download">
            {t("download")}
          </a>
          <button type="button" className="icon-button viewer-close" onClick={onClose} aria-label={t("close")} autoFocus>
            <Icon name="close" />
          </button>
        </header>
        <div
          className="viewer-stage"
          onPointerDown={(e) => (swipe.current = { x: e.clientX, y: e.clientY })}
          onPointerUp={(e) => {
            const s = swipe.current;
            swipe.current = null;
            if (!s) return;
            const dx = e.clientX - s.x;
            if (Math.abs(dx) > SWIPE_PX && Math.abs(dx) > Math.abs(e.clientY - s.y)) go(dx < 0 ? 1 : -1);
          }}
        >
          {v.kind === "video" ? (
            <video key={v.id} className="viewer-media" src={v.url} poster={v.thumbnailUrl ?? undefined} controls autoPlay playsInline aria-label={alt} data-testid="viewer-video" />
          ) : (
            // eslint-disable-next-line @next/next/no-img-element
            <img key={v.id} className="viewer-media" src={v.url} alt={alt} data-testid="viewer-image" width={v.width ?? undefined} height={v.height ?? undefined} draggable={false} />
          )}
        </div>
        {count > 1 ? (
          <>
            <button type="button" className="viewer-arrow prev" onClick={() => go(-1)} disabled={index === 0} aria-label={t("previous")}>
              <Icon name="left" size={30} />
            </button>
            <button type="button" className="viewer-arrow next" onClick={() => go(1)} disabled={index === count - 1} aria-label={t("next")} data-testid="viewer-next">
              <Icon name="right" size={30} />
            </button>
          </>
        ) : null}
        {v.altText ? <p className="viewer-alt">{v.altText}</p> : null}
      </div>
    </Dialog>
  );
}
