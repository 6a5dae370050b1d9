import path from "node:path";

export const DEFAULT_DATABASE_URL = "file:./data/murmur.db";

export const databaseUrl = (): string => process.env.DATABASE_URL || DEFAULT_DATABASE_URL;

export const isPostgresUrl = (url: string): boolean => /^postgres(ql)?:\/\//.test(url);

/** The file of a SQLite URL ("file:./data/murmur.db?…"), resolved against `cwd`. */
export const sqliteFile = (url: string, cwd: string = process.cwd()): string => path.resolve(cwd, url.replace(/^file:/, "").replace(/\?.*$/, ""));
