export const DEFAULT_DATABASE_URL = "file:./data/murmur.db";

export const databaseUrl = (): string => process.env.DATABASE_URL || DEFAULT_DATABASE_URL;

export const isPostgresUrl = (url: string): boolean => /^postgres(ql)?:\/\//.test(url);
