import { mediaThumbnailUrl, mediaUrl } from "@/domain/messages/view";
import type { MediaKind, MediaView } from "@/shared/schemas/media";

export interface MediaRow {
  id: string;
  kind: string;
  mime: string;
  width: number | null;
  height: number | null;
  durationMs: number | null;
  waveform: unknown;
  thumbnailKey: string | null;
  placeholder: string | null;
  altText?: string | null;
  status?: string;
}

export function toMediaView(row: MediaRow): MediaView {
  return {
    id: row.id,
    kind: row.kind as MediaKind,
    mime: row.mime,
    width: row.width,
    height: row.height,
    ...(row.durationMs != null ? { durationMs: row.durationMs } : {}),
    ...(row.kind === "voice" ? { waveform: (row.waveform as number[] | null) ?? [] } : {}),
    url: mediaUrl(row.id),
    thumbnailUrl: row.thumbnailKey ? mediaThumbnailUrl(row.id) : null,
    placeholder: row.placeholder,
    altText: row.altText ?? null,
    ...(row.status && row.status !== "ready" ? { status: row.status as "processing" | "failed" } : {}),
  };
}
