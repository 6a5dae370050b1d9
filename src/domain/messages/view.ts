// The wire shape of a message, the same over HTTP, socket events and catch-up.
import { MESSAGE } from "@/shared/limits";
import type { MessageKind } from "@/shared/schemas/messages";
import type { MessageView, ReplyPreview } from "@/shared/views";

export type { MessageView } from "@/shared/views";

/** What to load with a message row to build its view. */
export const messageInclude = {
  reactions: { select: { userId: true, emoji: true }, orderBy: { createdAt: "asc" } },
  sharedPost: { include: { creator: { select: { id: true, username: true, displayName: true } } } },
  media: { orderBy: { position: "asc" }, include: { plays: { select: { userId: true }, orderBy: { playedAt: "asc" } } } },
  replyTo: { select: { id: true, seq: true, senderId: true, kind: true, text: true, deletedAt: true } },
} as const;

type ReplyRow = { id: string; seq: number; senderId: string; kind: string; text: string | null; deletedAt: Date | null };

type Row = {
  id: string;
  conversationId: string;
  seq: number;
  clientId: string;
  senderId: string;
  kind: string;
  text: string | null;
  replyToId: string | null;
  systemEvent: unknown;
  createdAt: Date;
  editedAt: Date | null;
  deletedAt: Date | null;
  reactions?: { userId: string; emoji: string }[];
  sharedPost?: { id: string; title: string; thumbnailUrl: string; creator: { id: string; username: string; displayName: string } } | null;
  media?: {
    id: string;
    kind: string;
    mime: string;
    width: number | null;
    height: number | null;
    durationMs: number | null;
    thumbnailKey: string | null;
    placeholder: string | null;
    waveform: unknown;
    altText: string | null;
    plays?: { userId: string }[];
  }[];
  replyTo?: ReplyRow | null;
};

export const mediaUrl = (id: string) => `/api/media/${id}`;
export const mediaThumbnailUrl = (id: string) => `/api/media/${id}/thumbnail`;

export function toReplyPreview(row: ReplyRow): ReplyPreview {
  const preview: ReplyPreview = { id: row.id, seq: row.seq, senderId: row.senderId, kind: row.kind as MessageKind };
  if (row.deletedAt) preview.deletedAt = row.deletedAt.toISOString();
  else if (row.text != null) preview.text = row.text.slice(0, MESSAGE.replyPreviewChars);
  return preview;
}

export function toMessageView(row: Row): MessageView {
  const base: MessageView = {
    id: row.id,
    conversationId: row.conversationId,
    seq: row.seq,
    clientId: row.clientId,
    senderId: row.senderId,
    kind: row.kind as MessageKind,
    reactions: row.reactions ?? [],
    createdAt: row.createdAt.toISOString(),
  };
  if (row.editedAt) base.editedAt = row.editedAt.toISOString();
  if (row.deletedAt) {
    // An unsent message keeps its place in the sequence and nothing else.
    base.deletedAt = row.deletedAt.toISOString();
    base.reactions = [];
    return base;
  }
  if (row.replyToId) {
    base.replyToId = row.replyToId;
    if (row.replyTo !== undefined) base.replyTo = row.replyTo ? toReplyPreview(row.replyTo) : null;
  }
  if (row.text != null) base.text = row.text;
  if (row.systemEvent != null) base.systemEvent = row.systemEvent;
  if (row.kind === "post") {
    base.post = row.sharedPost ? { id: row.sharedPost.id, title: row.sharedPost.title, thumbnailUrl: row.sharedPost.thumbnailUrl, creator: row.sharedPost.creator } : null; // the post was removed from the platform
  }
  if (row.media?.length) {
    base.media = row.media.map((m) => ({
      id: m.id,
      kind: m.kind,
      mime: m.mime,
      width: m.width,
      height: m.height,
      durationMs: m.durationMs,
      url: mediaUrl(m.id),
      thumbnailUrl: m.thumbnailKey ? mediaThumbnailUrl(m.id) : null,
      placeholder: m.placeholder,
      ...(m.kind === "voice" ? { waveform: (m.waveform as number[] | null) ?? null, playedBy: (m.plays ?? []).map((p) => p.userId) } : {}),
      altText: m.altText,
    }));
  }
  return base;
}
