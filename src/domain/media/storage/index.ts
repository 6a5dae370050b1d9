// The process's media store, chosen by MEDIA_STORAGE: "local" (disk) or "s3".
import path from "node:path";
import { LocalDiskStorage } from "./local";
import { S3Storage, s3ConfigFromEnv } from "./s3";
import type { MediaStorage } from "./types";

export type { ByteRange, MediaStorage, SignedReadOptions, StoredObject } from "./types";

const registry = globalThis as unknown as { __murmurMediaStorage?: { config: string; storage: MediaStorage } };

export function mediaDir(): string {
  return path.resolve(/* turbopackIgnore: true */ process.env.MURMUR_MEDIA_DIR || path.join(process.cwd(), "data", "media"));
}

export function createStorage(kind = process.env.MEDIA_STORAGE || "local"): MediaStorage {
  if (kind === "local") return new LocalDiskStorage(mediaDir());
  if (kind === "s3") return new S3Storage(s3ConfigFromEnv());
  throw new Error(`MEDIA_STORAGE=${kind} is not supported (use "local" or "s3")`);
}

function configKey(): string {
  const e = process.env;
  return (e.MEDIA_STORAGE || "local") === "s3" ? ["s3", e.S3_ENDPOINT, e.S3_BUCKET, e.S3_REGION, e.S3_FORCE_PATH_STYLE, e.S3_ACCESS_KEY_ID].join(":") : `local:${mediaDir()}`;
}

/** One store per process (Next's bundles and the server share it through globalThis). */
export function mediaStorage(): MediaStorage {
  const config = configKey();
  if (registry.__murmurMediaStorage?.config !== config) registry.__murmurMediaStorage = { config, storage: createStorage() };
  return registry.__murmurMediaStorage.storage;
}
