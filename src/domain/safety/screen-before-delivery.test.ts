import fs from "node:fs";
import fsp from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { birthDateForAge } from "@/db/seed/demo";
import { LocalDiskStorage } from "@/domain/media/storage/local";
import { uploadMedia } from "@/domain/media/upload";
import { createMigratedDb } from "../../../tests/helpers/database";
import * as fx from "../../../tests/helpers/media";
import { registerClassifier, type NudityClassifier } from "./classifier";
import { fixtureClassifier } from "./fixture-classifier";
import { screenBeforeDelivery } from "./screen-before-delivery";

let db: Db;
let close: () => Promise<void>;
let storage: LocalDiskStorage;
const dir = fx.fixtureDir();
beforeAll(async () => {
  ({ db, close } = await createMigratedDb());
  storage = new LocalDiskStorage(path.join(dir, "store"));
  registerClassifier(fixtureClassifier);
});
afterAll(async () => {
  registerClassifier(undefined);
  await close();
  fs.rmSync(dir, { recursive: true, force: true });
});

let n = 0;
const user = (age: number, nudityFilter: boolean) => db.user.create({ data: { username: `d${n++}`, displayName: "D", passwordHash: "!", birthDate: birthDateForAge(age), nudityFilter } });

/** Two adults who switched the filter off, in a group: their uploads are not screened. */
async function adultsOnlyGroup() {
  const [a, b] = [await user(30, false), await user(28, false)];
  const conversation = await db.conversation.create({
    data: { kind: "group", title: "g", createdById: a.id, members: { create: [{ userId: a.id }, { userId: b.id }] } },
  });
  return { a, b, conversationId: conversation.id };
}

async function uploadColour(ownerId: string, conversationId: string, background: string) {
  const workDir = await fsp.mkdtemp(path.join(dir, "work-"));
  const file = path.join(workDir, "upload");
  await fsp.writeFile(
    file,
    await sharp({ create: { width: 120, height: 90, channels: 3, background } })
      .png()
      .toBuffer(),
  );
  try {
    return await uploadMedia(db, storage, { ownerId, fields: { conversationId }, file, workDir });
  } finally {
    await fsp.rm(workDir, { recursive: true, force: true });
  }
}

const storedKeys = async (id: string) => {
  const row = await db.media.findUniqueOrThrow({ where: { id } });
  return [row.storageKey, row.thumbnailKey!];
};

describe("screening at send time", () => {
  it("leaves visuals unscreened between adults who switched the filter off", async () => {
    const { a, conversationId } = await adultsOnlyGroup();
    const media = await uploadColour(a.id, conversationId, "#e01010");
    await screenBeforeDelivery(db, storage, { senderId: a.id, conversationId, mediaIds: [media.id] });
    expect((await db.media.findUniqueOrThrow({ where: { id: media.id } })).nudityScores).toBeNull();
  });

  it("screens an unscreened visual once a teen has joined: blocked, row and files deleted", async () => {
    const { a, conversationId } = await adultsOnlyGroup();
    const media = await uploadColour(a.id, conversationId, "#e01010");
    const keys = await storedKeys(media.id);
    expect((await db.media.findUniqueOrThrow({ where: { id: media.id } })).nudityScores).toBeNull();

    const teen = await user(17, true);
    await db.conversationMember.create({ data: { conversationId, userId: teen.id } });
    await expect(screenBeforeDelivery(db, storage, { senderId: a.id, conversationId, mediaIds: [media.id] })).rejects.toMatchObject({ code: "NUDITY_BLOCKED" });
    expect(await db.media.findUnique({ where: { id: media.id } })).toBeNull();
    for (const key of keys) expect(await storage.stat(key)).toBeNull();
  });

  it("lets a safe visual through once screened, storing its scores, and keeps the other visuals of a refused send", async () => {
    const { a, conversationId } = await adultsOnlyGroup();
    const safe = await uploadColour(a.id, conversationId, "#1060e0");
    const bad = await uploadColour(a.id, conversationId, "#e010e0");
    const teen = await user(16, true);
    await db.conversationMember.create({ data: { conversationId, userId: teen.id } });

    await expect(screenBeforeDelivery(db, storage, { senderId: a.id, conversationId, mediaIds: [safe.id, bad.id] })).rejects.toMatchObject({ code: "NUDITY_BLOCKED" });
    expect(await db.media.findUnique({ where: { id: bad.id } })).toBeNull();
    const kept = await db.media.findUniqueOrThrow({ where: { id: safe.id } });
    expect(kept.nudityScores).toMatchObject({ neutral: 1 });
    await screenBeforeDelivery(db, storage, { senderId: a.id, conversationId, mediaIds: [safe.id] });
  });

  it("does not classify again what was screened before", async () => {
    const { a, conversationId } = await adultsOnlyGroup();
    const media = await uploadColour(a.id, conversationId, "#1060e0");
    await db.media.update({ where: { id: media.id }, data: { nudityScores: { drawing: 0, hentai: 0, neutral: 1, porn: 0, sexy: 0 } } });
    await db.conversationMember.create({ data: { conversationId, userId: (await user(17, true)).id } });
    const failing: NudityClassifier = { classify: () => Promise.reject(new Error("must not be called")) };
    await screenBeforeDelivery(db, storage, { senderId: a.id, conversationId, mediaIds: [media.id] }, failing);
  });

  it("refuses the send when the check fails, and keeps the upload for a retry", async () => {
    const { a, conversationId } = await adultsOnlyGroup();
    const media = await uploadColour(a.id, conversationId, "#1060e0");
    await db.conversationMember.create({ data: { conversationId, userId: (await user(17, true)).id } });
    const failing: NudityClassifier = { classify: () => Promise.reject(new Error("model crashed")) };
    await expect(screenBeforeDelivery(db, storage, { senderId: a.id, conversationId, mediaIds: [media.id] }, failing)).rejects.toMatchObject({ code: "NUDITY_CHECK_FAILED" });
    expect(await db.media.findUnique({ where: { id: media.id } })).not.toBeNull();
  });
});
