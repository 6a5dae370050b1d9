// The process's media store, chosen by MEDIA_STORAGE (only "local" so far).
import path from "node:path";
import { LocalDiskStorage } from "./local";
import type { MediaStorage } from "./types";

export type { ByteRange, MediaStorage, StoredObject } from "./types";

const registry = globalThis as unknown as { __murmurMediaStorage?: { config: string; storage: MediaStorage } };

export function mediaDir(): string {
  return path.resolve(process.env.MURMUR_MEDIA_DIR || path.join(process.cwd(), "data", "media"));
}

export function createStorage(kind = process.env.MEDIA_STORAGE || "local"): MediaStorage {
  if (kind === "local") return new LocalDiskStorage(mediaDir());
  throw new Error(`MEDIA_STORAGE=${kind} is not supported (use "local")`);
}

/** One store per process (Next's bundles and the server share it through globalThis). */
export function mediaStorage(): MediaStorage {
  const config = `${process.env.MEDIA_STORAGE || "local"}:${mediaDir()}`;
  if (registry.__murmurMediaStorage?.config !== config) registry.__murmurMediaStorage = { config, storage: createStorage() };
  return registry.__murmurMediaStorage.storage;
}
