"use client";
// Takes a photo or records a video with the camera, inside the page.
import { useEffect, useId, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { VISUALS } from "@/shared/limits";
import { canvasToFile } from "./photoEdits";
import { Dialog } from "../a11y/Dialog";
import { baseMime, pickMime, recordingName, VIDEO_TYPES } from "./recorderMime";
import { formatDuration } from "./waveform";

export interface CameraCaptureProps {
  onCapture(file: File): void;
  onClose(): void;
}

type CameraError = "denied" | "missing" | "failed";

export function CameraCapture({ onCapture, onClose }: CameraCaptureProps) {
  const t = useTranslations("media.camera");
  const titleId = useId();
  const videoRef = useRef<HTMLVideoElement>(null);
  const [stream, setStream] = useState<MediaStream | null>(null);
  // The shutter waits for the first frame: before it, the picture has no size to capture.
  const [framing, setFraming] = useState(false);
  const [error, setError] = useState<CameraError | null>(null);
  const [facing, setFacing] = useState<"user" | "environment">("environment");
  const recorder = useRef<MediaRecorder | null>(null);
  const [recordingSince, setRecordingSince] = useState<number | null>(null);
  const [now, setNow] = useState(0);

  useEffect(() => {
    let live = true;
    let opened: MediaStream | null = null;
    setFraming(false);
    navigator.mediaDevices
      ?.getUserMedia({ video: { facingMode: facing }, audio: true })
      .catch(() => navigator.mediaDevices.getUserMedia({ video: { facingMode: facing } }))
      .then((s) => {
        opened = s;
        if (!live) return s.getTracks().forEach((tr) => tr.stop());
        setStream(s);
        if (videoRef.current) videoRef.current.srcObject = s;
      })
      .catch((e: DOMException) => live && setError(e?.name === "NotAllowedError" ? "denied" : e?.name === "NotFoundError" ? "missing" : "failed"));
    if (!navigator.mediaDevices) setError("missing");
    return () => {
      live = false;
      opened?.getTracks().forEach((tr) => tr.stop());
    };
  }, [facing]);

  useEffect(() => {
    if (recordingSince === null) return;
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [recordingSince]);

  async function takePhoto() {
    const video = videoRef.current;
    if (!video?.videoWidth) return;
    const canvas = document.createElement("canvas");
    canvas.width = video.videoWidth;
    canvas.height = video.videoHeight;
    canvas.getContext("2d")!.drawImage(video, 0, 0);
    onCapture(await canvasToFile(canvas, `photo-${Date.now()}.jpg`));
    onClose();
  }

  function startRecording() {
    if (!stream) return;
    const mimeType = pickMime(VIDEO_TYPES, (type) => MediaRecorder.isTypeSupported(type));
    const r = new MediaRecorder(stream, mimeType ? { mimeType } : undefined);
    const chunks: Blob[] = [];
    r.ondataavailable = (e) => e.data.size && chunks.push(e.data);
    r.onstop = () => {
      const type = baseMime(r.mimeType || mimeType || "video/webm");
      onCapture(new File(chunks, recordingName(`video-${Date.now()}`, type), { type }));
      onClose();
    };
    r.start(1000);
    recorder.current = r;
    setRecordingSince(Date.now());
    setNow(Date.now());
  }

  function stopRecording() {
    recorder.current?.stop();
    recorder.current = null;
    setRecordingSince(null);
  }

  // A video may not be longer than the server accepts.
  // biome-ignore lint/correctness/useExhaustiveDependencies: one timer per recording; stopRecording reads refs only
  useEffect(() => {
    if (recordingSince === null) return;
    const timer = setTimeout(stopRecording, VISUALS.videoMaxMs);
    return () => clearTimeout(timer);
  }, [recordingSince]);

  const recording = recordingSince !== null;
  return (
    <Dialog open onClose={recording ? stopRecording : onClose} labelledBy={titleId} className="media-dialog camera-dialog" closeOnBackdrop={false} testId="camera">
      <header className="editor-header">
        <button type="button" className="button" onClick={onClose} disabled={recording}>
          {t("close")}
        </button>
        <h2 id={titleId}>{t("title")}</h2>
        <button type="button" className="button" onClick={() => setFacing((f) => (f === "user" ? "environment" : "user"))} disabled={recording}>
          {t("switch")}
        </button>
      </header>
      <div className="camera-stage">
        {error ? (
          <p className="form-error" role="status">
            {t(`errors.${error}`)}
          </p>
        ) : null}
        <video ref={videoRef} className="camera-video" autoPlay playsInline muted aria-label={t("viewfinder")} onLoadedData={() => setFraming(true)} />
        {recording ? (
          <p className="camera-timer" aria-live="off">
            <span className="camera-dot" aria-hidden="true" /> {formatDuration(now - recordingSince)}
          </p>
        ) : null}
      </div>
      <div className="camera-actions">
        <button type="button" className="button primary" onClick={takePhoto} disabled={!stream || !framing || recording} data-testid="camera-shutter">
          {t("takePhoto")}
        </button>
        {recording ? (
          <button type="button" className="button" onClick={stopRecording} data-testid="camera-stop">
            {t("stopVideo")}
          </button>
        ) : (
          <button type="button" className="button" onClick={startRecording} disabled={!stream || typeof MediaRecorder === "undefined"} data-testid="camera-record">
            {t("recordVideo")}
          </button>
        )}
      </div>
    </Dialog>
  );
}
