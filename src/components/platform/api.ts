// The browser's calls to the platform API (session cookie), errors as {code, message}.
import type { ErrorBody } from "@/shared/errors";

export type ApiResult<T> = { ok: true; body: T } | { ok: false; error: ErrorBody };

export async function callApi<T>(method: "GET" | "POST" | "PATCH" | "DELETE", path: string, body?: unknown): Promise<ApiResult<T>> {
  try {
    const res = await fetch(path, {
      method,
      headers: body === undefined ? undefined : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const json = await res.json().catch(() => null);
    if (res.ok) return { ok: true, body: json as T };
    return { ok: false, error: json?.error ?? { code: "INTERNAL", message: res.statusText } };
  } catch {
    return { ok: false, error: { code: "INTERNAL", message: "offline" } };
  }
}
