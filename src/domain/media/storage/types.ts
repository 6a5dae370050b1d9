// Where media files live. Local disk (local.ts) and S3-compatible stores (s3.ts)
// implement it and pass the same test suite (suite.ts).
import type { Readable } from "node:stream";

export interface StoredObject {
  bytes: number;
  modifiedAt: Date;
}

/** Inclusive byte range, as in HTTP's `Range: bytes=start-end`. */
export interface ByteRange {
  start: number;
  end: number;
}

export interface MediaStorage {
  /** Stores the stream under `key` (replacing any object there); resolves with its size once complete. */
  put(key: string, body: Readable, options: { contentType: string }): Promise<StoredObject>;
  /** The whole object, or the inclusive byte range; null when there is no such object. */
  read(key: string, range?: ByteRange): Promise<Readable | null>;
  stat(key: string): Promise<StoredObject | null>;
  /** Deleting a missing key is not an error. */
  delete(key: string): Promise<void>;
  /** Keys under `prefix` (all when empty) last written before `before`. */
  listOlderThan(before: Date, prefix?: string): Promise<string[]>;
  /** Stores that can hand out short-lived read URLs (S3): a URL for GETting the object. */
  signedReadUrl?(key: string, options: SignedReadOptions): Promise<string>;
}

export interface SignedReadOptions {
  expiresInSeconds: number;
  /** The Content-Type and Content-Disposition the store answers with. */
  contentType: string;
  contentDisposition: string;
}

/** Keys are relative, slash-separated paths of safe characters: never `..`, never absolute. */
export function assertValidKey(key: string): void {
  if (!/^[A-Za-z0-9_-][A-Za-z0-9._-]*(\/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$/.test(key) || key.split("/").includes("..")) {
    throw new Error(`invalid storage key: ${key}`);
  }
}
