"use client";
// Mount point between the chat composer and the media UI: the buttons and trays that
// pick, capture, edit and upload photos/videos and record voice notes. When the user
// sends, it hands the uploaded ids to the chat's own send (which owns the outbox,
// client ids and retries) through `onSend`.
import { useState } from "react";
import { VisualComposer } from "./VisualComposer";
import { VoiceRecorder } from "./VoiceRecorder";
import "./media.css";

export interface ComposerAttachmentsProps {
  conversationId: string;
  /** False for a conversation's first message and in a message request not yet accepted. */
  canAttach: boolean;
  /** Why attaching is not possible (already translated), shown when the user tries. */
  disabledReason?: string;
  onSend(body: { mediaIds?: string[]; voiceNoteId?: string; text?: string }): void;
  /** A voice note is being recorded or previewed: the composer's text box and Send step aside. */
  onVoiceBusy?(busy: boolean): void;
}

export function ComposerAttachments({ conversationId, canAttach, disabledReason, onSend, onVoiceBusy }: ComposerAttachmentsProps) {
  const [explain, setExplain] = useState(false);
  const onDisabledAttempt = () => setExplain(true);
  return (
    <div className="composer-attachments" data-testid="composer-attachments">
      {explain && !canAttach && disabledReason ? (
        <p className="media-notice" role="status" data-testid="attach-disabled-reason">
          {disabledReason}
        </p>
      ) : null}
      <div className="composer-attachments-row">
        <VisualComposer conversationId={conversationId} disabled={!canAttach} onDisabledAttempt={onDisabledAttempt} onSend={onSend} />
        <VoiceRecorder conversationId={conversationId} disabled={!canAttach} onDisabledAttempt={onDisabledAttempt} onSend={onSend} onBusyChange={onVoiceBusy} />
      </div>
    </div>
  );
}
