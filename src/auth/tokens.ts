// One signed JWT format for everything: next-auth's session cookie for browsers,
// and the same token as `Authorization: Bearer` or Socket.IO `auth: {token}`.
import { decode, encode } from "next-auth/jwt";
import { db } from "@/db/client";
import { identifyPersonalToken, isPersonalToken } from "@/domain/accounts/personal-tokens";
import { activeSessionUser } from "@/domain/accounts/sessions";
import type { TokenScope } from "@/shared/limits";
import { authSecret, SESSION_MAX_AGE_SECONDS } from "./secret";

const SESSION_COOKIES = ["__Secure-next-auth.session-token", "next-auth.session-token"];

/** A signed token for a session (its id in `sid`). */
export async function issueToken(user: { id: string; username: string }, sessionId: string): Promise<string> {
  return encode({ token: { sub: user.id, name: user.username, sid: sessionId }, secret: authSecret(), maxAge: SESSION_MAX_AGE_SECONDS });
}

export interface Identity {
  userId: string;
  sessionId: string;
  /** A personal access token's scopes; null for a browser session or password token (every right). */
  scopes: TokenScope[] | null;
  /** When a personal access token stops working (ms); null: no expiry of its own. */
  expiresAt: number | null;
}

/** Who a token speaks for: null when it is missing, forged, expired, from before sessions, or its session was revoked. */
export async function verifyToken(token: string | undefined | null): Promise<Identity | null> {
  if (!token) return null;
  if (isPersonalToken(token)) return identifyPersonalToken(db(), token);
  let payload: Awaited<ReturnType<typeof decode>>;
  try {
    payload = await decode({ token, secret: authSecret() });
  } catch {
    return null;
  }
  const userId = payload?.sub;
  const sessionId = payload?.sid;
  if (typeof userId !== "string" || typeof sessionId !== "string") return null;
  return (await activeSessionUser(db(), sessionId, userId)) ? { userId, sessionId, scopes: null, expiresAt: null } : null;
}

export function parseCookies(header: string | null | undefined): Record<string, string> {
  const cookies: Record<string, string> = {};
  for (const part of (header ?? "").split(";")) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (!name || name in cookies) continue;
    try {
      cookies[name] = decodeURIComponent(part.slice(eq + 1).trim());
    } catch {
      cookies[name] = part.slice(eq + 1).trim();
    }
  }
  return cookies;
}

/** Reads the token from a session cookie (possibly chunked by next-auth: name.0, name.1 ...). */
export function sessionTokenFromCookies(cookies: Record<string, string>): string | null {
  for (const name of SESSION_COOKIES) {
    if (cookies[name]) return cookies[name];
    const chunks: string[] = [];
    for (let i = 0; cookies[`${name}.${i}`] !== undefined; i++) chunks.push(cookies[`${name}.${i}`]);
    if (chunks.length) return chunks.join("");
  }
  return null;
}

export function bearerToken(authorization: string | null | undefined): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? "");
  return match ? match[1] : null;
}

type AuthHeaders = { authorization?: string | null; cookie?: string | null };

/** The user and session behind a request's Authorization header or session cookie. */
export async function identifySession(headers: AuthHeaders): Promise<Identity | null> {
  const bearer = bearerToken(headers.authorization);
  if (bearer) return verifyToken(bearer);
  return verifyToken(sessionTokenFromCookies(parseCookies(headers.cookie)));
}

/** The user id behind a request's Authorization header or session cookie. */
export async function identify(headers: AuthHeaders): Promise<string | null> {
  return (await identifySession(headers))?.userId ?? null;
}
