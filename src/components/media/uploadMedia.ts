// One upload to POST /api/media with XMLHttpRequest, for its upload progress events
// (fetch has none for request bodies).
import type { ErrorCode } from "@/shared/errors";

export interface UploadedMedia {
  id: string;
  kind: "image" | "video" | "voice";
  mime: string;
  width?: number | null;
  height?: number | null;
  durationMs?: number | null;
  waveform?: number[] | null;
  url: string;
  thumbnailUrl?: string | null;
}

export type UploadResult = { ok: true; media: UploadedMedia } | { ok: false; code: ErrorCode; retryable: boolean } | { ok: false; cancelled: true };

export interface UploadRequest {
  file: File | Blob;
  fileName?: string;
  conversationId: string;
  kind: "image" | "video" | "voice";
  /** Extra form fields: video trims and mute, alt text. */
  fields?: Record<string, string | number | boolean | undefined>;
  onProgress?(fraction: number): void;
  signal?: AbortSignal;
}

/** Network errors, timeouts and server faults are worth another try; a refusal is not. */
const isRetryable = (status: number) => status === 0 || status === 408 || status === 429 || status >= 500;

export function uploadMedia(req: UploadRequest): Promise<UploadResult> {
  return new Promise((resolve) => {
    const form = new FormData();
    form.append("conversationId", req.conversationId);
    form.append("kind", req.kind);
    for (const [key, value] of Object.entries(req.fields ?? {})) if (value !== undefined) form.append(key, String(value));
    form.append("file", req.file, req.fileName ?? (req.file instanceof File ? req.file.name : "upload"));

    const xhr = new XMLHttpRequest();
    xhr.open("POST", "/api/media");
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) req.onProgress?.(e.loaded / e.total);
    };
    xhr.onload = () => {
      const body = xhr.response as { media?: UploadedMedia; error?: { code?: ErrorCode } } | null;
      if (xhr.status === 201 && body?.media) resolve({ ok: true, media: body.media });
      else resolve({ ok: false, code: body?.error?.code ?? (xhr.status === 413 ? "MEDIA_TOO_LARGE" : "INTERNAL"), retryable: isRetryable(xhr.status) });
    };
    xhr.onerror = () => resolve({ ok: false, code: "INTERNAL", retryable: true });
    xhr.ontimeout = xhr.onerror;
    xhr.onabort = () => resolve({ ok: false, cancelled: true });
    if (req.signal?.aborted) return resolve({ ok: false, cancelled: true });
    req.signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}
