// People search and the public face of an account (used by search, profiles, posts).
import type { Db } from "@/db/client";
import { containsIgnoringCase, containsLiterally, hasLikeWildcards } from "@/db/text-match";
import { messagingPermissions } from "@/domain/conversations/permissions";
import { isoDate } from "@/shared/age";
import { AGE, PLATFORM } from "@/shared/limits";

export interface PersonView {
  id: string;
  username: string;
  displayName: string;
  avatarUrl: string | null;
  /** A bot account: shown with a "Bot" badge. */
  isBot: boolean;
}

export interface PersonResult extends PersonView {
  canMessage: boolean;
}

export const personSelect = { id: true, username: true, displayName: true, avatarUrl: true, isBot: true } as const;

/** The latest birth date of someone at least `years` old today. */
export function bornOnOrBefore(years: number, now: Date = new Date()): string {
  const d = new Date(now);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return isoDate(d);
}

/** Ids the viewer must not see: those they blocked and those who blocked them. */
export async function hiddenFrom(db: Db, viewerId: string): Promise<string[]> {
  const blocks = await db.userBlock.findMany({
    where: { OR: [{ blockerId: viewerId }, { blockedId: viewerId }] },
    select: { blockerId: true, blockedId: true },
  });
  return blocks.map((b) => (b.blockerId === viewerId ? b.blockedId : b.blockerId));
}

/** Exact username first, then username and name prefixes, then the most followed. */
function rank(query: string, p: { username: string; displayName: string; followerCount: number }): number {
  const q = query.toLowerCase();
  const name = p.displayName.toLowerCase();
  if (p.username === q) return 0;
  if (p.username.startsWith(q)) return 1;
  if (name.startsWith(q) || name.includes(` ${q}`)) return 2;
  return 3;
}

/**
 * Accounts whose username or display name contains the query, ignoring case. Under-16s
 * are never offered (they cannot be messaged and are not discoverable), nor anyone a
 * block stands between. canMessage is the messaging rule's own answer.
 */
export async function searchPeople(db: Db, viewerId: string, query: string, now: Date = new Date()): Promise<PersonResult[]> {
  const q = query.trim();
  if (!q) return [];
  const hidden = await hiddenFrom(db, viewerId);
  const visible = { id: { notIn: [viewerId, ...hidden] }, birthDate: { lte: bornOnOrBefore(AGE.minimumForDMs, now) } };
  const select = { ...personSelect, followerCount: true };
  // Username prefixes separately, so that "kai" is found among thousands of "kai…" fans.
  const [byPrefix, byContains] = await Promise.all([
    db.user.findMany({ where: { ...visible, username: { startsWith: q.toLowerCase() } }, select, orderBy: { username: "asc" }, take: PLATFORM.searchResults }),
    db.user.findMany({
      where: { ...visible, OR: [...containsIgnoringCase(db, "username", q.toLowerCase()), ...containsIgnoringCase(db, "displayName", q)] },
      select,
      orderBy: [{ followerCount: "desc" }, { username: "asc" }],
      take: PLATFORM.searchResults * 3,
    }),
  ]);
  // `%` and `_` are what they are: LIKE only narrowed the rows down, the literal check decides.
  const literal = (r: { username: string; displayName: string }) => !hasLikeWildcards(q) || containsLiterally(r.username, q) || containsLiterally(r.displayName, q);
  const rows = [...new Map([...byPrefix, ...byContains].map((r) => [r.id, r])).values()].filter(literal);
  const found = rows
    .map((r) => ({ r, rank: rank(q, r) }))
    .sort((a, b) => a.rank - b.rank || b.r.followerCount - a.r.followerCount || a.r.username.localeCompare(b.r.username))
    .slice(0, PLATFORM.searchResults)
    .map(({ r }) => r);
  const permissions = await messagingPermissions(
    db,
    viewerId,
    found.map((r) => r.id),
    now,
  );
  return found.map((r) => ({
    id: r.id,
    username: r.username,
    displayName: r.displayName,
    avatarUrl: r.avatarUrl,
    isBot: r.isBot,
    canMessage: permissions.get(r.id)?.allowed ?? false,
  }));
}

/** One person the viewer may message now (for a preselected recipient), or null. */
export async function messageablePerson(db: Db, viewerId: string, userId: string, now: Date = new Date()): Promise<PersonResult | null> {
  const person = await db.user.findUnique({ where: { id: userId }, select: personSelect });
  if (!person) return null;
  const permissions = await messagingPermissions(db, viewerId, [userId], now);
  return permissions.get(userId)?.allowed ? { ...person, canMessage: true } : null;
}
