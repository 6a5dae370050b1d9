// Media in an S3-compatible bucket (AWS S3, MinIO, R2, Ceph): every node reads and
// writes the same objects. Objects stay private; viewers get bytes through the
// authorised routes, streamed or by a short-lived presigned URL.
import type { Readable } from "node:stream";
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, S3Client, type S3ClientConfig } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { MEDIA_STORE } from "@/shared/limits";
import { assertValidKey, type ByteRange, type MediaStorage, type SignedReadOptions, type StoredObject } from "./types";

export interface S3StorageConfig {
  bucket: string;
  region: string;
  endpoint?: string;
  forcePathStyle?: boolean;
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Keys per ListObjectsV2 page (tests make it small to exercise pagination). */
  listPageSize?: number;
}

/** A missing object: NoSuchKey on GET, a bare 404 (NotFound) on HEAD. */
function isMissing(e: unknown): boolean {
  const err = e as { name?: string; $metadata?: { httpStatusCode?: number } };
  return err?.name === "NoSuchKey" || err?.name === "NotFound" || err?.$metadata?.httpStatusCode === 404;
}

export class S3Storage implements MediaStorage {
  readonly client: S3Client;
  readonly bucket: string;
  private readonly listPageSize: number;

  constructor(config: S3StorageConfig) {
    const options: S3ClientConfig = {
      region: config.region,
      endpoint: config.endpoint || undefined,
      forcePathStyle: config.forcePathStyle ?? false,
      // Without explicit keys the SDK's default chain applies (environment, profile, instance role).
      credentials: config.credentials,
      // Newer SDKs add CRC checksums to every upload; not every S3-compatible server accepts them.
      requestChecksumCalculation: "WHEN_REQUIRED",
      responseChecksumValidation: "WHEN_REQUIRED",
    };
    this.client = new S3Client(options);
    this.bucket = config.bucket;
    this.listPageSize = config.listPageSize ?? MEDIA_STORE.s3ListPageSize;
  }

  async put(key: string, body: Readable, options: { contentType: string }): Promise<StoredObject> {
    assertValidKey(key);
    // lib-storage sends a stream of unknown length in parts (one PutObject when small):
    // at most partBytes × queueSize in memory, never a whole video.
    const upload = new Upload({
      client: this.client,
      params: { Bucket: this.bucket, Key: key, Body: body, ContentType: options.contentType },
      partSize: MEDIA_STORE.s3PartBytes,
      queueSize: MEDIA_STORE.s3PartsInFlight,
      leavePartsOnError: false,
    });
    await upload.done();
    const stored = await this.stat(key);
    if (!stored) throw new Error(`S3 upload of ${key} finished but the object is missing`);
    return stored;
  }

  async read(key: string, range?: ByteRange): Promise<Readable | null> {
    assertValidKey(key);
    try {
      const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key, Range: range ? `bytes=${range.start}-${range.end}` : undefined }));
      return out.Body as Readable; // in Node the body is an IncomingMessage
    } catch (e) {
      if (isMissing(e)) return null;
      throw e;
    }
  }

  async stat(key: string): Promise<StoredObject | null> {
    assertValidKey(key);
    try {
      const out = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: key }));
      return { bytes: out.ContentLength ?? 0, modifiedAt: out.LastModified ?? new Date(0) };
    } catch (e) {
      if (isMissing(e)) return null;
      throw e;
    }
  }

  async delete(key: string): Promise<void> {
    assertValidKey(key);
    await this.client.send(new DeleteObjectCommand({ Bucket: this.bucket, Key: key })); // idempotent in S3
  }

  async listOlderThan(before: Date, prefix = ""): Promise<string[]> {
    const keys: string[] = [];
    let token: string | undefined;
    do {
      const page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix || undefined, ContinuationToken: token, MaxKeys: this.listPageSize }));
      for (const object of page.Contents ?? []) {
        if (object.Key && object.LastModified && object.LastModified < before) keys.push(object.Key);
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return keys.sort();
  }

  async signedReadUrl(key: string, options: SignedReadOptions): Promise<string> {
    assertValidKey(key);
    const command = new GetObjectCommand({
      Bucket: this.bucket,
      Key: key,
      ResponseContentType: options.contentType,
      ResponseContentDisposition: options.contentDisposition,
    });
    return getSignedUrl(this.client, command, { expiresIn: options.expiresInSeconds });
  }
}

/** The store described by S3_* variables (MEDIA_STORAGE=s3). */
export function s3ConfigFromEnv(env: Record<string, string | undefined> = process.env): S3StorageConfig {
  if (!env.S3_BUCKET) throw new Error("MEDIA_STORAGE=s3 needs S3_BUCKET");
  const accessKeyId = env.S3_ACCESS_KEY_ID;
  const secretAccessKey = env.S3_SECRET_ACCESS_KEY;
  return {
    bucket: env.S3_BUCKET,
    region: env.S3_REGION || "us-east-1",
    endpoint: env.S3_ENDPOINT || undefined,
    forcePathStyle: env.S3_FORCE_PATH_STYLE === "true",
    credentials: accessKeyId && secretAccessKey ? { accessKeyId, secretAccessKey } : undefined,
  };
}
