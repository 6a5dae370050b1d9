"use client";
// The mic button and what follows: hold to record (slide up to lock, left to cancel) or
// tap / Enter / Space to start and again to stop; then a preview, and send.
import { useEffect, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import type { ErrorCode } from "@/shared/errors";
import { VOICE } from "@/shared/limits";
import { Icon } from "@/components/icons";
import { uploadMedia } from "./uploadMedia";
import { useVoiceRecorder, type Recording } from "./useVoiceRecorder";
import { VoicePlayer } from "./VoicePlayer";
import { formatDuration } from "./waveform";

/** A press shorter than this is a tap: recording goes on until stopped. */
const TAP_MS = 350;
const LOCK_DISTANCE = 60;
const CANCEL_DISTANCE = 90;

export interface VoiceRecorderProps {
  conversationId: string;
  disabled: boolean;
  onDisabledAttempt(): void;
  onSend(body: { voiceNoteId: string }): void;
  /** Recording or previewing takes the composer's row: its text box and Send step aside (the preview has the one Send). */
  onBusyChange?(busy: boolean): void;
}

/** The recording as the app's own player takes it (played locally: nothing is reported). */
function previewMedia(recording: Recording) {
  return {
    id: "voice-preview",
    kind: "voice",
    mime: recording.file.type,
    width: null,
    height: null,
    durationMs: recording.durationMs,
    url: recording.url,
    thumbnailUrl: null,
    placeholder: null,
    waveform: recording.peaks,
    playedBy: [],
    altText: null,
  } as unknown as Parameters<typeof VoicePlayer>[0]["media"];
}

export function VoiceRecorder({ conversationId, disabled, onDisabledAttempt, onSend, onBusyChange }: VoiceRecorderProps) {
  const t = useTranslations("media.voice");
  const te = useTranslations("errors");
  const rec = useVoiceRecorder();
  const [locked, setLocked] = useState(false);
  const [upload, setUpload] = useState<{ progress: number; abort: AbortController } | null>(null);
  const [error, setError] = useState<ErrorCode | null>(null);
  const press = useRef<{ x: number; y: number; at: number } | null>(null);

  const active = rec.state.phase === "starting" || rec.state.phase === "recording";
  const busy = active || rec.state.phase === "preview";
  const busyChange = useRef(onBusyChange);
  busyChange.current = onBusyChange;
  useEffect(() => busyChange.current?.(busy), [busy]);

  function begin(lockNow: boolean) {
    if (disabled) return onDisabledAttempt();
    setError(null);
    setLocked(lockNow);
    void rec.start();
  }

  function onKeyDown(e: React.KeyboardEvent) {
    if (e.key !== "Enter" && e.key !== " ") return;
    e.preventDefault();
    if (e.repeat) return;
    if (active) rec.stop();
    else begin(true);
  }

  function onPointerDown(e: React.PointerEvent) {
    if (e.button !== 0) return;
    e.preventDefault();
    if (active) {
      rec.stop(); // a tap on the button while locked stops
      return;
    }
    (e.currentTarget as Element).setPointerCapture(e.pointerId);
    press.current = { x: e.clientX, y: e.clientY, at: Date.now() };
    begin(false);
  }

  function onPointerMove(e: React.PointerEvent) {
    const p = press.current;
    if (!p || locked) return;
    if (p.y - e.clientY > LOCK_DISTANCE) {
      setLocked(true);
      press.current = null;
    } else if (p.x - e.clientX > CANCEL_DISTANCE) {
      press.current = null;
      rec.cancel();
    }
  }

  function onPointerUp() {
    const p = press.current;
    press.current = null;
    if (!p || locked) return;
    if (Date.now() - p.at < TAP_MS) setLocked(true);
    else rec.stop();
  }

  async function send() {
    if (rec.state.phase !== "preview") return;
    const { file } = rec.state.recording;
    const abort = new AbortController();
    setUpload({ progress: 0, abort });
    setError(null);
    const result = await uploadMedia({
      file,
      conversationId,
      kind: "voice",
      signal: abort.signal,
      onProgress: (progress) => setUpload((u) => (u ? { ...u, progress } : u)),
    });
    setUpload(null);
    if (result.ok) {
      rec.discard();
      onSend({ voiceNoteId: result.media.id });
    } else if (!("cancelled" in result)) setError(result.code);
  }

  if (rec.state.phase === "preview") {
    const { recording } = rec.state;
    return (
      <div className="voice-preview" data-testid="voice-preview" role="group" aria-label={t("previewLabel", { length: formatDuration(recording.durationMs) })}>
        <button type="button" className="icon-button" onClick={rec.discard} aria-label={t("delete")} disabled={!!upload}>
          <Icon name="trash" />
        </button>
        <div className="voice-preview-player">
          <VoicePlayer media={previewMedia(recording)} mine />
        </div>
        {upload ? (
          <>
            <progress max={1} value={upload.progress} aria-label={t("uploading")} className="voice-progress" />
            <button type="button" className="button" onClick={() => upload.abort.abort()}>
              {t("cancelUpload")}
            </button>
          </>
        ) : (
          <button type="button" className="button primary voice-send" onClick={send} autoFocus data-testid="voice-send">
            {error ? t("retry") : t("send")}
          </button>
        )}
        {recording.stoppedAtLimit ? (
          <p className="muted small voice-error" role="status" data-testid="voice-limit-reached">
            {t("stoppedAtLimit", { max: formatDuration(VOICE.maxMs) })}
          </p>
        ) : null}
        {error ? (
          <p className="form-error voice-error" role="status" data-testid="voice-error">
            {te(error)}
          </p>
        ) : null}
      </div>
    );
  }

  const remaining = VOICE.maxMs - rec.elapsedMs;
  return (
    <div className={`voice-recorder ${active ? "is-recording" : ""}`}>
      {active ? (
        <div className="voice-live" data-testid="voice-recording" data-phase={rec.state.phase}>
          <span className="voice-dot" aria-hidden="true" />
          <span className="voice-time" role="timer" aria-label={t("elapsed", { time: formatDuration(rec.elapsedMs) })}>
            {formatDuration(rec.elapsedMs)}
          </span>
          <span className="voice-meter" aria-hidden="true">
            <span style={{ transform: `scaleX(${Math.max(0.04, rec.level)})` }} />
          </span>
          {remaining <= VOICE.countdownMs ? (
            <span className="voice-remaining" data-testid="voice-remaining">
              {t("remaining", { time: formatDuration(Math.ceil(remaining / 1000) * 1000) })}
            </span>
          ) : (
            <span className="voice-limit muted small" data-testid="voice-limit">
              {t("limit", { max: formatDuration(VOICE.maxMs) })}
            </span>
          )}
          {locked ? (
            <button type="button" className="button" onClick={rec.cancel} data-testid="voice-cancel">
              {t("cancel")}
            </button>
          ) : (
            <span className="voice-hint muted small">{t("holdHint")}</span>
          )}
          {!locked ? (
            <button type="button" className="icon-button" onClick={() => setLocked(true)} aria-label={t("lock")}>
              <Icon name="lock" />
            </button>
          ) : null}
        </div>
      ) : null}
      {rec.state.phase === "error" ? (
        <p className="form-error small" role="status">
          {t(`errors.${rec.state.error}`)}
        </p>
      ) : null}
      <button
        type="button"
        className={`icon-button mic-button ${active ? "is-active" : ""}`}
        aria-label={active ? t("stop") : t("record")}
        aria-pressed={active}
        aria-disabled={disabled || undefined}
        data-testid="mic-button"
        onKeyDown={onKeyDown}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerCancel={onPointerUp}
        onContextMenu={(e) => e.preventDefault()}
      >
        <Icon name={active ? "stop" : "mic"} />
      </button>
    </div>
  );
}
