"use client";
// Photos and videos for one message: pick or capture, edit, warn, upload, hand the ids over.
import { useCallback, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import { VISUALS } from "@/shared/limits";
import { CameraCapture } from "./CameraCapture";
import { Icon } from "@/components/icons";
import { PhotoEditor } from "./PhotoEditor";
import { PrivacyWarning } from "./PrivacyWarning";
import { overallProgress } from "./uploadQueue";
import { usePrivacyWarning } from "./usePrivacyWarning";
import { useVisualQueue } from "./useVisualQueue";
import { warmDownscaleWorkers } from "./downscalePhoto";
import { VideoEditor } from "./VideoEditor";
import { VisualTray } from "./VisualTray";

export interface VisualComposerProps {
  conversationId: string;
  disabled: boolean;
  /** Shown instead of opening the picker when attaching is not possible. */
  onDisabledAttempt(): void;
  onSend(body: { mediaIds: string[]; text?: string }): void;
}

export function VisualComposer({ conversationId, disabled, onDisabledAttempt, onSend }: VisualComposerProps) {
  const t = useTranslations("media.composer");
  const te = useTranslations("errors");
  const fileInput = useRef<HTMLInputElement>(null);
  const [caption, setCaption] = useState("");
  const [notice, setNotice] = useState<string | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  const [camera, setCamera] = useState(false);
  const [warning, setWarning] = useState(false);
  const privacy = usePrivacyWarning();

  const captionRef = useRef(caption);
  captionRef.current = caption;
  const onReady = useCallback(
    (mediaIds: string[]) => {
      const text = captionRef.current.trim();
      onSend(text ? { mediaIds, text } : { mediaIds });
      setCaption("");
      setNotice(null);
    },
    [onSend],
  );
  const queue = useVisualQueue(conversationId, onReady);

  function add(files: File[]) {
    const { overLimit, unsupported } = queue.add(files);
    setNotice(overLimit > 0 ? te("TOO_MANY_VISUALS") : unsupported > 0 ? te("UNSUPPORTED_MEDIA") : null);
  }

  function open(action: () => void) {
    if (disabled) return onDisabledAttempt();
    if (queue.visuals.length >= VISUALS.maxPerMessage) return setNotice(te("TOO_MANY_VISUALS"));
    action();
  }

  async function send() {
    setNotice(null); // "up to 9" was about the pick; what is sent now is within it
    if (await privacy.mustWarn()) setWarning(true);
    else queue.send();
  }

  const editingVisual = queue.visuals.find((v) => v.id === editing);
  const count = queue.visuals.length;

  return (
    <div className="visual-composer">
      <div className="attach-buttons">
        <button
          type="button"
          className="icon-button"
          onClick={() =>
            open(() => {
              warmDownscaleWorkers();
              fileInput.current?.click();
            })
          }
          aria-label={t("addFiles")}
          aria-disabled={disabled || undefined}
          data-testid="attach-files"
        >
          <Icon name="image" />
        </button>
        <button type="button" className="icon-button" onClick={() => open(() => setCamera(true))} aria-label={t("openCamera")} aria-disabled={disabled || undefined} data-testid="open-camera">
          <Icon name="camera" />
        </button>
        <input
          ref={fileInput}
          type="file"
          accept="image/*,video/*"
          multiple
          hidden
          data-testid="file-input"
          onChange={(e) => {
            add([...(e.target.files ?? [])]);
            e.target.value = ""; // picking the same file again still fires
          }}
        />
      </div>
      {notice ? (
        <p className="media-notice" role="status" data-testid="media-notice">
          {notice}
        </p>
      ) : null}
      {count > 0 ? (
        <div className="visual-panel" data-testid="visual-panel">
          <p className="visual-count" aria-live="polite">
            {t("count", { count, max: VISUALS.maxPerMessage })}
          </p>
          <VisualTray visuals={queue.visuals} sending={queue.sending} onMove={queue.move} onRemove={queue.remove} onEdit={setEditing} onRetry={queue.retry} />
          <div className="visual-send-row">
            <input
              type="text"
              className="visual-caption"
              value={caption}
              onChange={(e) => setCaption(e.target.value)}
              onKeyDown={(e) => {
                // Enter sends the visuals, not the chat's own form around the composer.
                if (e.key === "Enter") {
                  e.preventDefault();
                  if (!queue.sending) void send();
                }
              }}
              placeholder={t("caption")}
              aria-label={t("caption")}
              disabled={queue.sending}
            />
            {queue.sending ? (
              <button type="button" className="button" onClick={queue.stopSending}>
                {t("stop")}
              </button>
            ) : null}
            <button type="button" className="button primary" onClick={send} disabled={queue.sending} data-testid="send-visuals">
              {queue.sending ? t("sendingProgress", { percent: Math.round(overallProgress(queue.visuals) * 100) }) : t("send", { count })}
            </button>
          </div>
        </div>
      ) : null}

      {camera ? <CameraCapture onCapture={(file) => add([file])} onClose={() => setCamera(false)} /> : null}
      {editingVisual?.kind === "image" ? (
        <PhotoEditor
          original={editingVisual.original}
          edits={editingVisual.photoEdits}
          onCancel={() => setEditing(null)}
          onDone={(file, photoEdits) => {
            queue.replace(editingVisual.id, { file, previewUrl: URL.createObjectURL(file), photoEdits });
            setEditing(null);
          }}
        />
      ) : null}
      {editingVisual?.kind === "video" ? (
        <VideoEditor
          previewUrl={editingVisual.previewUrl}
          edits={editingVisual.videoEdits}
          onCancel={() => setEditing(null)}
          onDone={(videoEdits) => {
            queue.replace(editingVisual.id, { file: editingVisual.file, previewUrl: editingVisual.previewUrl, videoEdits });
            setEditing(null);
          }}
        />
      ) : null}
      <PrivacyWarning
        open={warning}
        canDismiss={privacy.canDismiss}
        onCancel={() => setWarning(false)}
        onConfirm={(dontShowAgain) => {
          setWarning(false);
          if (dontShowAgain) void privacy.dismissForGood();
          queue.send();
        }}
      />
    </div>
  );
}
