// A small client for the JSON API, as a bot or mobile app would use it.
import crypto from "node:crypto";
import { birthDateForAge } from "@/db/seed/demo";

export interface ApiResponse<T = any> {
  status: number;
  body: T;
}

export class Api {
  constructor(
    readonly baseUrl: string,
    readonly token?: string,
  ) {}

  async request<T = any>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const send = () =>
      fetch(this.baseUrl + path, {
        method,
        headers: {
          ...(body !== undefined ? { "content-type": "application/json" } : {}),
          ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
          ...headers,
        },
        body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
      });
    // A kept-alive connection the server closed as the request went out ("other side
    // closed", UND_ERR_SOCKET): the server never read it, so sending it again is safe.
    const res = await send().catch((e: { cause?: { code?: string } }) => {
      if (e?.cause?.code === "UND_ERR_SOCKET") return send();
      throw e;
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      /* not JSON: keep the text */
    }
    return { status: res.status, body: parsed as T };
  }
  get<T = any>(path: string) {
    return this.request<T>("GET", path);
  }
  post<T = any>(path: string, body?: unknown) {
    return this.request<T>("POST", path, body ?? {});
  }
  patch<T = any>(path: string, body?: unknown) {
    return this.request<T>("PATCH", path, body ?? {});
  }
  delete<T = any>(path: string) {
    return this.request<T>("DELETE", path);
  }
}

export interface TestUser {
  id: string;
  username: string;
  password: string;
  token: string;
  api: Api;
}

/** Signs up a user of the given age through the API and returns a bearer-token client. */
export async function createUser(baseUrl: string, options: { age?: number; username?: string; birthDate?: string } = {}): Promise<TestUser> {
  const username = options.username ?? `u${crypto.randomBytes(5).toString("hex")}`;
  const password = "correct horse battery";
  const birthDate = options.birthDate ?? birthDateForAge(options.age ?? 25);
  const anon = new Api(baseUrl);
  const signup = await anon.post("/api/auth/signup", { username, displayName: username.toUpperCase(), password, birthDate });
  if (signup.status !== 201) throw new Error(`signup failed: ${signup.status} ${JSON.stringify(signup.body)}`);
  const login = await anon.post("/api/auth/token", { username, password });
  if (login.status !== 200) throw new Error(`token failed: ${login.status} ${JSON.stringify(login.body)}`);
  return { id: login.body.user.id, username, password, token: login.body.token, api: new Api(baseUrl, login.body.token) };
}

/** Logs in through next-auth's credentials flow, as a browser does, and returns the session cookie ("name=value"). */
export async function sessionCookie(baseUrl: string, username: string, password: string): Promise<string> {
  const csrfRes = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = await csrfRes.json();
  const csrfCookie = csrfRes.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const res = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    redirect: "manual",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie },
    body: new URLSearchParams({ csrfToken, username, password, json: "true" }),
  });
  const session = res.headers.getSetCookie().find((c) => c.startsWith("next-auth.session-token="));
  if (!session) throw new Error(`no session cookie (status ${res.status})`);
  return session.split(";")[0];
}
