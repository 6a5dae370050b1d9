// Case-insensitive "contains" on both databases. PostgreSQL has `mode: "insensitive"`;
// SQLite has no such mode, and its LIKE folds only ASCII letters, so a query is also
// tried in lower and upper case: "MÜLLER" finds "Müller" (M/m fold, ü = ü).
import type { Db } from "./client";

const isPostgres = (db: Db) => (db as unknown as { _activeProvider?: string })._activeProvider === "postgresql";

/** `where` conditions (to OR together) matching `field` containing `query`, ignoring case. */
export function containsIgnoringCase<F extends string>(db: Db, field: F, query: string): Record<F, { contains: string }>[] {
  // `mode` is typed away by the SQLite client, which is the one Db names.
  if (isPostgres(db)) return [{ [field]: { contains: query, mode: "insensitive" } } as unknown as Record<F, { contains: string }>];
  const variants = [...new Set([query, query.toLowerCase(), query.toUpperCase()])];
  return variants.map((v) => ({ [field]: { contains: v } }) as Record<F, { contains: string }>);
}
