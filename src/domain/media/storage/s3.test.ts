import { Readable } from "node:stream";
import { CreateBucketCommand, DeleteBucketCommand } from "@aws-sdk/client-s3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startS3, type TestS3 } from "../../../../tests/helpers/s3";
import { S3Storage, s3ConfigFromEnv } from "./s3";
import { runStorageSuite } from "./suite";

// One s3rver for the file; each store gets a bucket of its own, so it starts empty.
let s3: TestS3;
let n = 0;
beforeAll(async () => {
  s3 = await startS3();
});
afterAll(() => s3?.stop());

async function emptyStore(extra: { listPageSize?: number } = {}) {
  const bucket = `suite-${++n}`;
  const storage = new S3Storage({ ...s3.config, ...extra, bucket });
  await storage.client.send(new CreateBucketCommand({ Bucket: bucket }));
  return {
    storage,
    cleanup: async () => {
      for (const key of await storage.listOlderThan(new Date(Date.now() + 60_000))) await storage.delete(key);
      await storage.client.send(new DeleteBucketCommand({ Bucket: bucket }));
      storage.client.destroy();
    },
  };
}

runStorageSuite("S3 (s3rver)", () => emptyStore());

describe("S3 storage specifics", () => {
  it("streams a file larger than one part as a multipart upload", async () => {
    const { storage, cleanup } = await emptyStore();
    try {
      const chunk = Buffer.alloc(1024 * 1024, 3);
      // A generator: the body's length is unknown up front, as with an upload being received.
      const body = Readable.from(
        (function* () {
          for (let i = 0; i < 12; i++) yield chunk;
        })(),
      );
      const stored = await storage.put("mp/video.mp4", body, { contentType: "video/mp4" });
      expect(stored.bytes).toBe(12 * 1024 * 1024);
      const tail = await storage.read("mp/video.mp4", { start: 12 * 1024 * 1024 - 4, end: 12 * 1024 * 1024 - 1 });
      expect([...Buffer.from(await new Response(tail as any).arrayBuffer())]).toEqual([3, 3, 3, 3]);
    } finally {
      await cleanup();
    }
  });

  it("lists across ListObjectsV2 pages", async () => {
    const { storage, cleanup } = await emptyStore({ listPageSize: 2 });
    try {
      const keys = ["k/1.txt", "k/2.txt", "k/3.txt", "k/4.txt", "k/5.txt"];
      for (const key of keys) await storage.put(key, Readable.from([Buffer.from(key)]), { contentType: "text/plain" });
      expect(await storage.listOlderThan(new Date(Date.now() + 60_000), "k/")).toEqual(keys);
    } finally {
      await cleanup();
    }
  });

  it("presigns a GET with the content type and disposition to answer with", async () => {
    const { storage, cleanup } = await emptyStore();
    try {
      await storage.put("s/photo.jpg", Readable.from([Buffer.from("jpeg bytes")]), { contentType: "image/jpeg" });
      const url = new URL(await storage.signedReadUrl("s/photo.jpg", { expiresInSeconds: 60, contentType: "image/jpeg", contentDisposition: 'attachment; filename="x.jpg"' }));
      expect(url.searchParams.get("X-Amz-Expires")).toBe("60");
      const res = await fetch(url);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-disposition")).toBe('attachment; filename="x.jpg"');
      expect(await res.text()).toBe("jpeg bytes");
    } finally {
      await cleanup();
    }
  });

  it("reads its settings from S3_* variables", () => {
    expect(() => s3ConfigFromEnv({})).toThrow(/S3_BUCKET/);
    expect(s3ConfigFromEnv({ S3_BUCKET: "b" })).toEqual({ bucket: "b", region: "us-east-1", endpoint: undefined, forcePathStyle: false, credentials: undefined });
    expect(s3ConfigFromEnv({ S3_BUCKET: "b", S3_REGION: "eu-west-1", S3_ENDPOINT: "http://minio:9000", S3_FORCE_PATH_STYLE: "true", S3_ACCESS_KEY_ID: "id", S3_SECRET_ACCESS_KEY: "secret" })).toEqual({
      bucket: "b",
      region: "eu-west-1",
      endpoint: "http://minio:9000",
      forcePathStyle: true,
      credentials: { accessKeyId: "id", secretAccessKey: "secret" },
    });
  });
});
