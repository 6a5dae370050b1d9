"use client";
// Trims a video's start and end and mutes it. The server applies it (ffmpeg) on upload.
import { useId, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { VISUALS } from "@/shared/limits";
import { Dialog } from "../a11y/Dialog";
import type { VideoEdits } from "./uploadQueue";
import { formatDuration } from "./waveform";

const MIN_LENGTH_MS = 500;

export interface VideoEditorProps {
  previewUrl: string;
  edits?: VideoEdits;
  onDone(edits: VideoEdits): void;
  onCancel(): void;
}

export function VideoEditor({ previewUrl, edits: initial, onDone, onCancel }: VideoEditorProps) {
  const t = useTranslations("media.editor");
  const titleId = useId();
  const video = useRef<HTMLVideoElement>(null);
  const [durationMs, setDurationMs] = useState<number | null>(null);
  const [start, setStart] = useState(initial?.trimStartMs ?? 0);
  const [end, setEnd] = useState<number | null>(initial?.trimEndMs ?? null);
  const [muted, setMuted] = useState(initial?.muted ?? false);
  const endMs = end ?? durationMs ?? 0;
  const lengthMs = Math.max(0, endMs - start);

  function seek(ms: number) {
    if (video.current) video.current.currentTime = ms / 1000;
  }

  function done() {
    const trimEndMs = durationMs !== null && end !== null && end < durationMs ? end : null;
    onDone({ trimStartMs: start, trimEndMs, muted });
  }

  return (
    <Dialog open onClose={onCancel} labelledBy={titleId} className="media-dialog editor-dialog" closeOnBackdrop={false} testId="video-editor">
      <header className="editor-header">
        <button type="button" className="button" onClick={onCancel}>
          {t("cancel")}
        </button>
        <h2 id={titleId}>{t("videoTitle")}</h2>
        <button type="button" className="button primary" onClick={done} disabled={durationMs === null} data-testid="editor-done">
          {t("done")}
        </button>
      </header>
      <div className="editor-stage">
        <video
          ref={video}
          className="editor-video"
          src={previewUrl}
          controls
          playsInline
          muted={muted}
          preload="metadata"
          onLoadedMetadata={(e) => {
            const d = e.currentTarget.duration;
            // Recorded WebM reports Infinity until played through; keep trimming off then.
            if (Number.isFinite(d)) setDurationMs(Math.round(d * 1000));
          }}
          onTimeUpdate={(e) => {
            if (end !== null && e.currentTarget.currentTime * 1000 >= end) e.currentTarget.pause();
          }}
        />
      </div>
      <div className="editor-tools">
        {durationMs !== null ? (
          <>
            <TrimSlider
              label={t("trimStart")}
              valueMs={start}
              maxMs={durationMs}
              onChange={(ms) => {
                const v = Math.min(ms, endMs - MIN_LENGTH_MS);
                setStart(Math.max(0, v));
                seek(v);
              }}
            />
            <TrimSlider
              label={t("trimEnd")}
              valueMs={endMs}
              maxMs={durationMs}
              onChange={(ms) => {
                const v = Math.max(ms, start + MIN_LENGTH_MS);
                setEnd(Math.min(durationMs, v));
                seek(v);
              }}
            />
            <p className="muted small">{t("videoLength", { length: formatDuration(lengthMs) })}</p>
            {lengthMs > VISUALS.videoMaxMs ? <p className="form-error">{t("videoTooLong", { max: formatDuration(VISUALS.videoMaxMs) })}</p> : null}
          </>
        ) : (
          <p className="muted small">{t("trimUnavailable")}</p>
        )}
        <label className="media-check">
          <input type="checkbox" checked={muted} onChange={(e) => setMuted(e.target.checked)} />
          {t("mute")}
        </label>
      </div>
    </Dialog>
  );
}

/** A slider over the video's length, in 100 ms steps, showing its position as m:ss. */
function TrimSlider({ label, valueMs, maxMs, onChange }: { label: string; valueMs: number; maxMs: number; onChange(ms: number): void }) {
  return (
    <label className="editor-slider">
      <span>
        {label} <output>{formatDuration(valueMs)}</output>
      </span>
      <input type="range" min={0} max={maxMs} step={100} value={valueMs} onChange={(e) => onChange(Number(e.target.value))} />
    </label>
  );
}
