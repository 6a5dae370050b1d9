// The browser's calls to the rooms API: JSON in, {ok, body} or {ok: false, error} out.
import type { ErrorBody } from "@/shared/errors";

export type ApiResult<T> = { ok: true; body: T } | { ok: false; status: number; error: ErrorBody };

export async function roomsApi<T = Record<string, unknown>>(method: string, path: string, body?: unknown): Promise<ApiResult<T>> {
  try {
    const res = await fetch(path, {
      method,
      headers: body !== undefined ? { "content-type": "application/json" } : undefined,
      body: body !== undefined ? JSON.stringify(body) : undefined,
      credentials: "same-origin",
    });
    const json = await res.json().catch(() => null);
    if (res.ok) return { ok: true, body: json as T };
    return { ok: false, status: res.status, error: (json?.error as ErrorBody) ?? { code: "INTERNAL", message: res.statusText } };
  } catch {
    return { ok: false, status: 0, error: { code: "INTERNAL", message: "offline" } };
  }
}
