import { afterAll, beforeAll } from "vitest";
import { startS3, type TestS3 } from "../../../../tests/helpers/s3";
import { runStorageSuite } from "./suite";

// One s3rver for the file; each test gets a bucket of its own, so stores start empty.
let s3: TestS3;
let n = 0;
beforeAll(async () => {
  s3 = await startS3();
});
afterAll(() => s3?.stop());

runStorageSuite("S3 (s3rver)", async () => {
  const { S3Storage } = await import("./s3");
  const { CreateBucketCommand, DeleteBucketCommand } = await import("@aws-sdk/client-s3");
  const bucket = `suite-${++n}`;
  const storage = new S3Storage({ ...s3.config, bucket });
  await storage.client.send(new CreateBucketCommand({ Bucket: bucket }));
  return {
    storage,
    cleanup: async () => {
      for (const key of await storage.listOlderThan(new Date(Date.now() + 60_000))) await storage.delete(key);
      await storage.client.send(new DeleteBucketCommand({ Bucket: bucket }));
      storage.client.destroy();
    },
  };
});
