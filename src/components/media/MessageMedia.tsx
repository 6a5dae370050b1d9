"use client";
// Mount point between the chat view and the media UI: renders a message's photos and
// videos (grid, full-screen viewer) or its voice note (player). The chat bubble renders
// <MessageMedia message={…} mine={…} /> for every message that has `media`.
import type { MessageView } from "@/domain/messages/view";

export interface MessageMediaProps {
  message: MessageView;
  mine: boolean;
}

export function MessageMedia({ message }: MessageMediaProps) {
  if (!message.media?.length) return null;
  return (
    <div className="message-media" data-count={message.media.length}>
      {message.media.map((m) =>
        m.kind === "voice" ? (
          <audio key={m.id} controls preload="metadata" src={m.url} />
        ) : m.kind === "video" ? (
          <video key={m.id} controls preload="metadata" poster={m.thumbnailUrl ?? undefined} src={m.url} />
        ) : (
          // eslint-disable-next-line @next/next/no-img-element
          <img key={m.id} src={m.thumbnailUrl ?? m.url} alt={m.altText ?? ""} width={m.width ?? undefined} height={m.height ?? undefined} />
        ),
      )}
    </div>
  );
}
