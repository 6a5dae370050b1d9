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
  /** Only voice notes say what they are; the server tells photos and videos apart by their bytes. */
  kind?: "voice";
  /** Extra form fields: video trims and mute. */
  fields?: Record<string, string | number | boolean | undefined>;
  onProgress?(fraction: number): void;
  signal?: AbortSignal;
}

/** Network errors, timeouts and server faults are worth another try; a refusal (a spent upload quota included) is not. */
const isRetryable = (status: number, code?: ErrorCode) => code !== "UPLOAD_QUOTA" && (status === 0 || status === 408 || status === 429 || status >= 500);

/** The conversation (and a voice note's kind) go in the query: the server checks them before it reads the file. */
export function uploadUrl(req: Pick<UploadRequest, "conversationId" | "kind">): string {
  const query = new URLSearchParams({ conversationId: req.conversationId });
  if (req.kind) query.set("kind", req.kind);
  return `/api/media?${query}`;
}

export function uploadMedia(req: UploadRequest): Promise<UploadResult> {
  return new Promise((resolve) => {
    // The fields before the file: the server reads them while the bytes stream in.
    const form = new FormData();
    for (const [key, value] of Object.entries(req.fields ?? {})) if (value !== undefined) form.append(key, String(value));
    form.append("file", req.file, req.fileName ?? (req.file instanceof File ? req.file.name : "upload"));

    const xhr = new XMLHttpRequest();
    xhr.open("POST", uploadUrl(req));
    xhr.responseType = "json";
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) req.onProgress?.(e.loaded / e.total);
    };
    xhr.onload = () => {
      const body = xhr.response as { media?: UploadedMedia; error?: { code?: ErrorCode } } | null;
      if ((xhr.status === 201 || xhr.status === 202) && body?.media) resolve({ ok: true, media: body.media });
      else {
        const code = body?.error?.code ?? (xhr.status === 413 ? "MEDIA_TOO_LARGE" : xhr.status === 429 ? "UPLOAD_QUOTA" : "INTERNAL");
        resolve({ ok: false, code, retryable: isRetryable(xhr.status, code) });
      }
    };
    xhr.onerror = () => resolve({ ok: false, code: "INTERNAL", retryable: true });
    xhr.ontimeout = xhr.onerror;
    xhr.onabort = () => resolve({ ok: false, cancelled: true });
    if (req.signal?.aborted) return resolve({ ok: false, cancelled: true });
    req.signal?.addEventListener("abort", () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}
