import path from "node:path";

export const DEFAULT_DATABASE_URL = "file:./data/murmur.db";

export const databaseUrl = (): string => process.env.DATABASE_URL || DEFAULT_DATABASE_URL;

export const isPostgresUrl = (url: string): boolean => /^postgres(ql)?:\/\//.test(url);

/** The file of a SQLite URL ("file:./data/murmur.db?…"), resolved against `cwd`. */
export const sqliteFile = (url: string, cwd: string = process.cwd()): string => path.resolve(cwd, url.replace(/^file:/, "").replace(/\?.*$/, ""));

/**
 * Session settings for Murmur's PostgreSQL connections (pg's `options`), unless the URL
 * brings its own. random_page_cost 1.1 (the default 4 models spinning disks): with the
 * default, the batch's keyed lookups (a few dozen keys against a table of tens of thousands
 * of rows) were planned as hash joins over sequential scans, 2-3 ms a batch instead of 0.4.
 */
export const postgresSessionOptions = (url: string): { options?: string } => (/[?&]options=/.test(url) ? {} : { options: "-c random_page_cost=1.1" });
