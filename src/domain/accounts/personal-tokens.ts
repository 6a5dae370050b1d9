// Personal access tokens: made in Settings with a name, scopes and an expiry, for the
// account itself or for one of its bots. The token (`mur_pat_` + 32 random bytes) is shown
// once; only its sha256 is stored (enough for a secret of 256 random bits). Each token is a
// Session row (kind "pat"), so it is checked, cached, touched and revoked like a login, and
// revoking it (or its expiry) cuts its sockets off.
import crypto from "node:crypto";
import type { Db } from "@/db/client";
import { consumeLimit } from "@/domain/limits/consume";
import { DomainError, notFound } from "@/domain/errors";
import { TOKENS, type TokenScope } from "@/shared/limits";
import type { TokenCreateInput } from "@/shared/schemas/tokens";
import { activeSession, PAT_KIND, revoke } from "./sessions";

export interface PersonalTokenView {
  id: string;
  name: string;
  scopes: TokenScope[];
  createdAt: string;
  /** null: never used. */
  lastUsedAt: string | null;
  /** null: never expires. */
  expiresAt: string | null;
}

export interface PatIdentity {
  userId: string;
  sessionId: string;
  scopes: TokenScope[];
  expiresAt: number | null;
}

const DAY_MS = 24 * 60 * 60 * 1000;

export const hashToken = (token: string) => crypto.createHash("sha256").update(token, "utf8").digest("hex");
export const isPersonalToken = (token: string) => token.startsWith(TOKENS.prefix);

export function parseScopes(stored: string | null): TokenScope[] {
  const known = TOKENS.scopes as readonly string[];
  return (stored ?? "").split(",").filter((s): s is TokenScope => known.includes(s));
}

type Row = { id: string; label: string; scopes: string | null; createdAt: Date; lastSeenAt: Date; expiresAt: Date | null };
const toView = (r: Row): PersonalTokenView => ({
  id: r.id,
  name: r.label,
  scopes: parseScopes(r.scopes),
  createdAt: r.createdAt.toISOString(),
  lastUsedAt: r.lastSeenAt.getTime() === r.createdAt.getTime() ? null : r.lastSeenAt.toISOString(),
  expiresAt: r.expiresAt?.toISOString() ?? null,
});

/** The account a token is made for: the caller, or a bot the caller owns (another's bot is NOT_FOUND). */
async function holderOf(db: Db, actorId: string, botId: string | undefined): Promise<string> {
  if (!botId) return actorId;
  const bot = await db.user.findFirst({ where: { id: botId, isBot: true, botOwnerId: actorId }, select: { id: true } });
  if (!bot) throw notFound("No such bot");
  return bot.id;
}

/** Makes a token; the answer is the only time its secret is seen. */
export async function createPersonalToken(db: Db, actorId: string, input: TokenCreateInput, botId?: string, now = new Date()): Promise<{ token: string; personalToken: PersonalTokenView }> {
  const userId = await holderOf(db, actorId, botId);
  await consumeLimit("tokenCreate", actorId);
  const live = await db.session.count({ where: { userId, kind: PAT_KIND, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] } });
  if (live >= TOKENS.perUser) throw new DomainError("TOKEN_LIMIT_REACHED", `At most ${TOKENS.perUser} tokens.`);
  const token = TOKENS.prefix + crypto.randomBytes(TOKENS.secretBytes).toString("base64url");
  const days = Math.min(input.expiresInDays ?? TOKENS.maxDays, TOKENS.maxDays);
  const row = await db.session.create({
    data: {
      id: crypto.randomBytes(18).toString("base64url"),
      userId,
      kind: PAT_KIND,
      label: input.name,
      secretHash: hashToken(token),
      scopes: [...new Set(input.scopes)].join(","),
      createdAt: now,
      lastSeenAt: now,
      expiresAt: new Date(now.getTime() + days * DAY_MS),
    },
  });
  return { token, personalToken: toView(row) };
}

/** Live tokens (not revoked, not expired), newest first. */
export async function listPersonalTokens(db: Db, actorId: string, botId?: string, now = new Date()): Promise<PersonalTokenView[]> {
  const userId = await holderOf(db, actorId, botId);
  const rows = await db.session.findMany({
    where: { userId, kind: PAT_KIND, revokedAt: null, OR: [{ expiresAt: null }, { expiresAt: { gt: now } }] },
    orderBy: { createdAt: "desc" },
  });
  return rows.map(toView);
}

/** Revokes one token (its sockets are cut at once); another account's id is NOT_FOUND. */
export async function revokePersonalToken(db: Db, actorId: string, tokenId: string, botId?: string): Promise<{ revoked: true }> {
  const userId = await holderOf(db, actorId, botId);
  if (!(await revoke(db, { userId, id: tokenId, kind: PAT_KIND }))) throw notFound("No such token");
  return { revoked: true };
}

// The hash → token mapping never changes (revocation and expiry are checked per use through
// activeSessionUser), so it is cached per process.
type Known = { sessionId: string; userId: string; scopes: TokenScope[] } | null;
const registry = globalThis as unknown as { __murmurPatCache?: Map<string, Known> };
const known = (registry.__murmurPatCache ??= new Map());

/** Who a personal access token speaks for, with its scopes: null when unknown, revoked or expired. */
export async function identifyPersonalToken(db: Db, token: string, now = Date.now()): Promise<PatIdentity | null> {
  const hash = hashToken(token);
  let entry = known.get(hash);
  if (entry === undefined) {
    const row = await db.session.findUnique({ where: { secretHash: hash }, select: { id: true, userId: true, scopes: true, kind: true } });
    entry = row && row.kind === PAT_KIND ? { sessionId: row.id, userId: row.userId, scopes: parseScopes(row.scopes) } : null;
    // Unknown hashes are not cached (a token made on another node a moment later must work).
    if (entry) {
      if (known.size > 50_000) known.clear();
      known.set(hash, entry);
    }
  }
  if (!entry) return null;
  const live = await activeSession(db, entry.sessionId, entry.userId, now);
  return live ? { ...entry, expiresAt: live.expiresAt } : null;
}
