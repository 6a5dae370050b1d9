"use client";
// Mount point between the chat view and the media UI: renders a message's photos and
// videos (grid, full-screen viewer) or its voice note (player). The chat bubble renders
// <MessageMedia message={…} mine={…} /> for every message that has `media`.
import { useState } from "react";
import type { MessageView } from "@/domain/messages/view";
import { MediaViewer } from "./MediaViewer";
import { VisualGrid } from "./VisualGrid";
import { VoicePlayer } from "./VoicePlayer";
import "./media.css";

export interface MessageMediaProps {
  message: MessageView;
  mine: boolean;
  /** The sender's display name, for the voice note's text alternative. */
  senderName?: string;
  /** The viewer: whether they have played a voice note comes from its `playedBy`. */
  viewerId?: string;
}

export function MessageMedia({ message, mine, senderName, viewerId }: MessageMediaProps) {
  const [open, setOpen] = useState<number | null>(null);
  const media = message.media ?? [];
  if (!media.length) return null;
  const voice = media.find((m) => m.kind === "voice");
  if (voice) return <VoicePlayer media={voice} mine={mine} senderName={senderName} viewerId={viewerId} />;
  const visuals = media.filter((m) => m.kind === "image" || m.kind === "video");
  return (
    <div className="message-media" data-count={visuals.length}>
      <VisualGrid visuals={visuals} onOpen={setOpen} />
      {open !== null ? <MediaViewer visuals={visuals} start={open} onClose={() => setOpen(null)} /> : null}
    </div>
  );
}
