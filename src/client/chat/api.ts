// JSON over HTTP with the session cookie (browser) or a bearer token (tests, bots).
export interface HttpError {
  code: string;
  message: string;
  retryAfter?: number;
  status: number;
}

export type HttpResult<T> = { ok: true; status: number; body: T } | { ok: false; error: HttpError };

export interface HttpClient {
  request<T>(method: string, path: string, body?: unknown): Promise<HttpResult<T>>;
}

export function httpClient(baseUrl = "", token?: string): HttpClient {
  return {
    async request<T>(method: string, path: string, body?: unknown): Promise<HttpResult<T>> {
      let res: Response;
      try {
        res = await fetch(baseUrl + path, {
          method,
          headers: {
            ...(body !== undefined ? { "content-type": "application/json" } : {}),
            ...(token ? { authorization: `Bearer ${token}` } : {}),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
          cache: "no-store",
        });
      } catch {
        return { ok: false, error: { code: "NETWORK", message: "network", status: 0 } };
      }
      const parsed = await res.json().catch(() => null);
      if (res.ok) return { ok: true, status: res.status, body: parsed as T };
      const error = parsed?.error ?? {};
      return { ok: false, error: { code: error.code ?? "INTERNAL", message: error.message ?? res.statusText, retryAfter: error.retryAfter, status: res.status } };
    },
  };
}
