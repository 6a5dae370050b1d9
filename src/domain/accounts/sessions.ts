// Sessions: each login (a browser's cookie or a bearer token) is a row, and the token
// carries its id. Every request and socket checks that the session is not revoked; the
// answer is cached for at most SESSIONS.checkCacheMs, so a revocation holds everywhere
// within that (and the sockets of a revoked session are disconnected at once).
import crypto from "node:crypto";
import type { Db } from "@/db/client";
import { notFound } from "@/domain/errors";
import { events } from "@/domain/events";
import { SESSIONS } from "@/shared/limits";

export type SessionKind = "browser" | "token";
/** A personal access token is a session too (kind "pat"), listed and revoked with the tokens, not the devices. */
export const PAT_KIND = "pat";

export interface SessionView {
  id: string;
  kind: SessionKind;
  label: string;
  createdAt: string;
  lastSeenAt: string;
  /** The session this request came with. */
  current: boolean;
}

export const sessionChannel = (sessionId: string) => `session:${sessionId}`;

/** A short, readable name for a device from its User-Agent ("Chrome on Android"). */
export function deviceLabel(userAgent: string | null | undefined, kind: SessionKind): string {
  const ua = userAgent ?? "";
  const browser = /Edg\//.test(ua) ? "Edge" : /Firefox\//.test(ua) ? "Firefox" : /Chrome\//.test(ua) ? "Chrome" : /Safari\//.test(ua) ? "Safari" : null;
  const system = /Android/.test(ua) ? "Android" : /iPhone|iPad/.test(ua) ? "iOS" : /Mac OS X/.test(ua) ? "macOS" : /Windows/.test(ua) ? "Windows" : /Linux/.test(ua) ? "Linux" : null;
  if (browser && system) return `${browser} on ${system}`;
  if (browser || system) return (browser ?? system)!;
  const client = ua.split(/[\s/]/)[0]?.slice(0, 40);
  return client || (kind === "token" ? "API client" : "Browser");
}

export async function startSession(db: Db, userId: string, kind: SessionKind, userAgent: string | null | undefined): Promise<string> {
  const id = crypto.randomBytes(18).toString("base64url");
  await db.session.create({ data: { id, userId, kind, label: deviceLabel(userAgent, kind) } });
  return id;
}

type Cached = { userId: string | null; checkedAt: number; touchedAt: number; expiresAt: number | null };
// One cache per process (Next's bundles and the server load this module separately).
const registry = globalThis as unknown as { __murmurSessionCache?: Map<string, Cached> };
const cache = (registry.__murmurSessionCache ??= new Map());

const expired = (expiresAt: number | null, now: number) => expiresAt !== null && expiresAt <= now;

/** The user of a live session, or null when it is unknown, revoked, expired (a personal access token) or someone else's. */
export async function activeSessionUser(db: Db, sessionId: string, userId: string, now = Date.now()): Promise<string | null> {
  return (await activeSession(db, sessionId, userId, now))?.userId ?? null;
}

/** activeSessionUser with the session's expiry (ms; null: none, as for every login but a personal access token). */
export async function activeSession(db: Db, sessionId: string, userId: string, now = Date.now()): Promise<{ userId: string; expiresAt: number | null } | null> {
  const hit = cache.get(sessionId);
  if (hit && now - hit.checkedAt < SESSIONS.checkCacheMs) return hit.userId === userId && !expired(hit.expiresAt, now) ? { userId, expiresAt: hit.expiresAt } : null;
  const row = await db.session.findUnique({ where: { id: sessionId }, select: { userId: true, revokedAt: true, lastSeenAt: true, createdAt: true, expiresAt: true } });
  const expiresAt = row?.expiresAt?.getTime() ?? null;
  const live = row && !row.revokedAt && !expired(expiresAt, now) && row.userId === userId ? row.userId : null;
  // A token never used yet has lastSeenAt == createdAt ("never used"): its first use is written at once.
  const neverUsed = row && row.lastSeenAt.getTime() === row.createdAt.getTime();
  let touchedAt = hit?.touchedAt ?? (neverUsed ? 0 : (row?.lastSeenAt.getTime() ?? 0));
  // "Last seen" is kept to the minute: one write a minute at most, not one a request.
  if (live && now - touchedAt > SESSIONS.lastSeenResolutionMs) {
    touchedAt = now;
    await db.session.update({ where: { id: sessionId }, data: { lastSeenAt: new Date(now) } }).catch(() => undefined);
  }
  if (cache.size > SESSIONS.checkCacheMax) cache.clear();
  cache.set(sessionId, { userId: live, checkedAt: now, touchedAt, expiresAt });
  return live ? { userId: live, expiresAt } : null;
}

export async function listSessions(db: Db, userId: string, currentSessionId: string | null): Promise<SessionView[]> {
  const rows = await db.session.findMany({ where: { userId, revokedAt: null, kind: { not: PAT_KIND } }, orderBy: { lastSeenAt: "desc" } });
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind as SessionKind,
    label: r.label,
    createdAt: r.createdAt.toISOString(),
    lastSeenAt: r.lastSeenAt.toISOString(),
    current: r.id === currentSessionId,
  }));
}

/** Revokes sessions (a logout): they stop working at once here, within the cache time on other nodes, and their sockets are cut. */
export async function revoke(db: Db, where: { userId: string; id?: string | { not: string }; kind?: string | { not: string } }): Promise<number> {
  const rows = await db.session.findMany({ where: { ...where, revokedAt: null }, select: { id: true } });
  if (!rows.length) return 0;
  await db.session.updateMany({ where: { id: { in: rows.map((r) => r.id) } }, data: { revokedAt: new Date() } });
  for (const { id } of rows) {
    cache.delete(id);
    events().disconnect(sessionChannel(id));
  }
  return rows.length;
}

/** One of the caller's sessions; another's id is NOT_FOUND. */
export async function revokeSession(db: Db, userId: string, sessionId: string): Promise<{ revoked: true }> {
  if (!(await revoke(db, { userId, id: sessionId, kind: { not: PAT_KIND } }))) throw notFound("No such session");
  return { revoked: true };
}

/** "Log out everywhere": every session of the account, or all but the one kept (after a password change). */
export async function revokeSessions(db: Db, userId: string, keep?: string | null): Promise<{ revoked: number }> {
  // Logins only: personal access tokens are listed and revoked on their own (Settings → API tokens).
  return { revoked: await revoke(db, keep ? { userId, id: { not: keep }, kind: { not: PAT_KIND } } : { userId, kind: { not: PAT_KIND } }) };
}
