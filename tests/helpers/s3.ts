// A real S3 API server (s3rver) on loopback, in a temp dir, with one empty bucket:
// what MEDIA_STORAGE=s3 talks to in tests. Nothing leaves the machine.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { spawn } from "node:child_process";
import { S3Storage, type S3StorageConfig } from "@/domain/media/storage/s3";

/** s3rver accepts exactly these credentials. */
const KEY = "S3RVER";

export interface TestS3 {
  endpoint: string;
  bucket: string;
  config: S3StorageConfig;
  /** The variables a server process needs for MEDIA_STORAGE=s3 against this server. */
  env: Record<string, string>;
  storage(): S3Storage;
  stop(): Promise<void>;
}

export async function startS3(bucket = "murmur-media"): Promise<TestS3> {
  const directory = await fs.mkdtemp(path.join(os.tmpdir(), "murmur-s3rver-"));
  const child = spawn(process.execPath, ["--openssl-legacy-provider", path.join(import.meta.dirname, "s3rver-process.cjs"), directory, bucket], {
    stdio: ["ignore", "pipe", "pipe", "ipc"],
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    const fail = (why: string) => reject(new Error(`s3rver did not start: ${why}\n${out}`));
    const timer = setTimeout(() => fail("timeout"), 20_000);
    child.stdout!.on("data", (c: Buffer) => {
      out += c.toString();
      const line = /\{"port":(\d+)\}/.exec(out);
      if (line) {
        clearTimeout(timer);
        resolve(Number(line[1]));
      }
    });
    child.stderr!.on("data", (c: Buffer) => (out += c.toString()));
    child.once("exit", (code) => {
      clearTimeout(timer);
      fail(`exited with ${code}`);
    });
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const config: S3StorageConfig = {
    bucket,
    region: "us-east-1",
    endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: KEY, secretAccessKey: KEY },
  };
  const clients: S3Storage[] = [];
  return {
    endpoint,
    bucket,
    config,
    env: {
      MEDIA_STORAGE: "s3",
      S3_ENDPOINT: endpoint,
      S3_BUCKET: bucket,
      S3_REGION: "us-east-1",
      S3_ACCESS_KEY_ID: KEY,
      S3_SECRET_ACCESS_KEY: KEY,
      S3_FORCE_PATH_STYLE: "true",
    },
    storage() {
      const s = new S3Storage(config);
      clients.push(s);
      return s;
    },
    async stop() {
      for (const c of clients) c.client.destroy();
      if (child.exitCode === null && !child.signalCode) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await exited;
      }
      await fs.rm(directory, { recursive: true, force: true });
    },
  };
}
