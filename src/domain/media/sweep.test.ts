import fsp from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { avatarKeyFor, avatarUrlFor } from "@/domain/accounts/profile";
import { UPLOADS } from "@/shared/limits";
import { createMigratedDb } from "../../../tests/helpers/database";
import { fixtureDir } from "../../../tests/helpers/media";
import { LocalDiskStorage } from "./storage/local";
import { sweepOrphanMedia } from "./sweep";
import { storageKeysFor } from "./upload";

let db: Db;
let close: () => Promise<void>;
let dir: string;
let storage: LocalDiskStorage;
let tmpRoot: string;
let alice: string;
let conversationId: string;

beforeAll(async () => {
  ({ db, close } = await createMigratedDb());
  dir = fixtureDir();
  storage = new LocalDiskStorage(path.join(dir, "store"));
  tmpRoot = path.join(dir, "tmp");
  alice = (await db.user.create({ data: { username: "alice", displayName: "A", passwordHash: "!", birthDate: "1990-01-01" } })).id;
  conversationId = (await db.conversation.create({ data: { kind: "group", title: "t", createdById: alice, members: { create: [{ userId: alice }] } } })).id;
});
afterAll(async () => {
  await close();
  await fsp.rm(dir, { recursive: true, force: true });
});

async function stored(id: string, createdAt: Date, messageId: string | null = null) {
  const keys = storageKeysFor(id, "jpg", createdAt);
  await storage.put(keys.file, Readable.from([Buffer.from("file")]), { contentType: "image/jpeg" });
  await storage.put(keys.thumbnail, Readable.from([Buffer.from("thumb")]), { contentType: "image/webp" });
  await db.media.create({
    data: { id, ownerId: alice, conversationId, messageId, kind: "image", mime: "image/jpeg", bytes: 4, storageKey: keys.file, thumbnailKey: keys.thumbnail, createdAt },
  });
  return keys;
}

describe("sweepOrphanMedia", () => {
  it("deletes profile pictures that are on no profile after the grace period, and keeps the ones in use", async () => {
    const [inUse, unused] = ["a" + "1".repeat(24), "a" + "2".repeat(24)];
    for (const id of [inUse, unused]) await storage.put(avatarKeyFor(alice, id), Readable.from([Buffer.from("webp")]), { contentType: "image/webp" });
    await db.user.update({ where: { id: alice }, data: { avatarUrl: avatarUrlFor(alice, inUse) } });
    // Just uploaded: both stay (the editor may still save it).
    await sweepOrphanMedia(db, storage, { now: new Date(Date.now() + 1000), tmpRoot });
    expect(await storage.stat(avatarKeyFor(alice, unused))).not.toBeNull();
    await sweepOrphanMedia(db, storage, { now: new Date(Date.now() + UPLOADS.orphanGraceMs + 60_000), tmpRoot });
    expect(await storage.stat(avatarKeyFor(alice, inUse))).not.toBeNull();
    expect(await storage.stat(avatarKeyFor(alice, unused))).toBeNull();
    await db.user.update({ where: { id: alice }, data: { avatarUrl: null } });
    await storage.delete(avatarKeyFor(alice, inUse));
  });

  it("keeps a room's picture, which is never sent in a message", async () => {
    const old = new Date(Date.now() - UPLOADS.orphanGraceMs - 60_000);
    const picture = await stored("picture1", old);
    await db.creatorRoom.create({ data: { creatorId: alice, name: "R", audience: "both", inviteCode: "sweep-test-1", pictureMediaId: "picture1" } });
    await sweepOrphanMedia(db, storage, { now: new Date(Date.now() + 1000), tmpRoot });
    expect(await db.media.findUnique({ where: { id: "picture1" } })).not.toBeNull();
    expect(await storage.stat(picture.file)).not.toBeNull();
  });

  it("deletes uploads never sent after the grace period (rows and objects), and nothing else", async () => {
    const now = new Date();
    const old = new Date(now.getTime() - UPLOADS.orphanGraceMs - 60_000);
    const message = await db.message.create({ data: { conversationId, senderId: alice, clientId: "m1", seq: 1, kind: "visual" } });
    const orphan = await stored("orphan1", old);
    const sent = await stored("sent1", old, message.id);
    const fresh = await stored("fresh1", new Date(now.getTime() - 60_000));

    const result = await sweepOrphanMedia(db, storage, { now: new Date(now.getTime() + 1000), tmpRoot });

    expect(result.media).toBe(1);
    expect(await db.media.findUnique({ where: { id: "orphan1" } })).toBeNull();
    expect(await storage.stat(orphan.file)).toBeNull();
    expect(await storage.stat(orphan.thumbnail)).toBeNull();
    for (const [id, keys] of [
      ["sent1", sent],
      ["fresh1", fresh],
    ] as const) {
      expect(await db.media.findUnique({ where: { id } }), id).not.toBeNull();
      expect(await storage.stat(keys.file), id).not.toBeNull();
    }
  });

  it("deletes stored objects that no row refers to, once older than the grace period", async () => {
    const now = new Date();
    const keys = storageKeysFor("stray1", "mp4", now);
    await storage.put(keys.file, Readable.from([Buffer.from("x")]), { contentType: "video/mp4" });
    expect((await sweepOrphanMedia(db, storage, { now, tmpRoot })).strayObjects).toBe(0); // too young
    const later = new Date(now.getTime() + UPLOADS.orphanGraceMs + 60_000);
    const result = await sweepOrphanMedia(db, storage, { now: later, tmpRoot });
    expect(result.strayObjects).toBeGreaterThanOrEqual(1);
    expect(await storage.stat(keys.file)).toBeNull();
  });

  it("removes temporary upload directories abandoned for over an hour", async () => {
    const abandoned = path.join(tmpRoot, "u-dead");
    await fsp.mkdir(abandoned, { recursive: true });
    await fsp.writeFile(path.join(abandoned, "upload"), "x");
    await sweepOrphanMedia(db, storage, { now: new Date(Date.now() + 30 * 60_000), tmpRoot });
    expect((await fsp.stat(abandoned)).isDirectory()).toBe(true); // a live upload may still be writing
    await sweepOrphanMedia(db, storage, { now: new Date(Date.now() + 61 * 60_000), tmpRoot });
    await expect(fsp.stat(abandoned)).rejects.toThrow();
  });
});
