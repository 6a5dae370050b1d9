// The sweep on an S3 store (s3rver): unsent uploads and stray objects go, found with
// ListObjectsV2 across pages (a page of 2 keys here).
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { UPLOADS } from "@/shared/limits";
import { createMigratedDb } from "../../../tests/helpers/database";
import { startS3, type TestS3 } from "../../../tests/helpers/s3";
import { S3Storage } from "./storage/s3";
import { sweepOrphanMedia } from "./sweep";
import { storageKeysFor } from "./upload";

let db: Db;
let close: () => Promise<void>;
let s3: TestS3;
let storage: S3Storage;
let alice: string;
let conversationId: string;

beforeAll(async () => {
  ({ db, close } = await createMigratedDb());
  s3 = await startS3();
  storage = new S3Storage({ ...s3.config, listPageSize: 2 });
  alice = (await db.user.create({ data: { username: "alice", displayName: "A", passwordHash: "!", birthDate: "1990-01-01" } })).id;
  conversationId = (await db.conversation.create({ data: { kind: "group", title: "t", createdById: alice, members: { create: [{ userId: alice }] } } })).id;
});
afterAll(async () => {
  storage?.client.destroy();
  await s3?.stop();
  await close();
});

const put = (key: string) => storage.put(key, Readable.from([Buffer.from(key)]), { contentType: "application/octet-stream" });

describe("sweepOrphanMedia on S3", () => {
  it("deletes unsent uploads' objects and stray objects, keeps sent ones", async () => {
    const now = new Date();
    const message = await db.message.create({ data: { conversationId, senderId: alice, clientId: "m1", seq: 1, kind: "visual" } });
    const rows: Record<string, ReturnType<typeof storageKeysFor>> = {};
    for (const [id, messageId] of [
      ["orphan1", null],
      ["sent1", message.id],
    ] as const) {
      const keys = (rows[id] = storageKeysFor(id, "jpg", now));
      await put(keys.file);
      await put(keys.thumbnail);
      const createdAt = new Date(now.getTime() - UPLOADS.orphanGraceMs - 60_000);
      await db.media.create({ data: { id, ownerId: alice, conversationId, messageId, kind: "image", mime: "image/jpeg", bytes: 4, storageKey: keys.file, thumbnailKey: keys.thumbnail, createdAt } });
    }
    const strays = ["stray1", "stray2", "stray3"].map((id) => storageKeysFor(id, "mp4", now).file);
    for (const key of strays) await put(key);

    const later = new Date(now.getTime() + UPLOADS.orphanGraceMs + 60_000);
    const result = await sweepOrphanMedia(db, storage, { now: later, tmpRoot: "/nonexistent-murmur-tmp" });

    expect(result).toEqual({ media: 1, strayObjects: 3 });
    const left = await storage.listOlderThan(new Date(Date.now() + 60_000));
    expect(left).toEqual([rows.sent1.file, rows.sent1.thumbnail].sort());
  });
});
