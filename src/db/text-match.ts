// Case-insensitive "contains" on both databases. PostgreSQL has `mode: "insensitive"`;
// SQLite has no such mode, and its LIKE folds only ASCII letters, so a query is also
// tried in lower and upper case: "MÜLLER" finds "Müller" (M/m fold, ü = ü).
// Prisma passes `contains` to LIKE without escaping, so `%` and `_` would be wildcards:
// a query is split at them into literal pieces that must all occur (no wildcard reaches
// LIKE), and `containsLiterally` then keeps only the rows that hold the query as typed.
import type { Db } from "./client";

const isPostgres = (db: Db) => (db as unknown as { _activeProvider?: string })._activeProvider === "postgresql";

const LIKE_WILDCARDS = /[%_\\]/;

/** The query's pieces between LIKE's wildcard characters, none empty. */
const literalPieces = (query: string) => query.split(/[%_\\]+/).filter(Boolean);

/** true when `query` holds a character LIKE would treat as a wildcard: results need `containsLiterally`. */
export const hasLikeWildcards = (query: string) => LIKE_WILDCARDS.test(query);

/** The literal check that follows a search with wildcard characters in it. */
export const containsLiterally = (value: string, query: string) => value.toLowerCase().includes(query.toLowerCase());

type Condition<F extends string> = Record<F, { contains: string }> | { AND: Record<F, { contains: string }>[] } | { id: { in: string[] } };

function containsPiece<F extends string>(db: Db, field: F, piece: string): Record<F, { contains: string }>[] {
  // `mode` is typed away by the SQLite client, which is the one Db names.
  if (isPostgres(db)) return [{ [field]: { contains: piece, mode: "insensitive" } } as unknown as Record<F, { contains: string }>];
  const variants = [...new Set([piece, piece.toLowerCase(), piece.toUpperCase()])];
  return variants.map((v) => ({ [field]: { contains: v } }) as Record<F, { contains: string }>);
}

/** `where` conditions (to OR together) matching `field` containing `query`, ignoring case. */
export function containsIgnoringCase<F extends string>(db: Db, field: F, query: string): Condition<F>[] {
  if (!hasLikeWildcards(query)) return containsPiece(db, field, query);
  const pieces = literalPieces(query);
  // Only wildcard characters: no LIKE can ask for them literally; the caller's literal check decides.
  if (!pieces.length) return [{ [field]: { contains: "" } } as Record<F, { contains: string }>];
  // Every piece must occur (each in any of its case variants on SQLite).
  return [{ AND: pieces.map((piece) => ({ OR: containsPiece(db, field, piece) })) } as unknown as Condition<F>];
}
