// The job queue on a real database (SQLite, or PostgreSQL with TEST_DATABASE_URL): one
// claim per job however many race for it, a dead node's job claimed again once its lease
// expires, never before.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { MEDIA_JOBS } from "@/shared/limits";
import { createMigratedDb } from "../../../../tests/helpers/database";
import { claimMediaJob, enqueueMediaJob, finishMediaJob, renewMediaJob, requeueOwnJobs } from "./queue";

let db: Db;
let close: () => Promise<void>;
let alice: string;
let conversationId: string;
let n = 0;

beforeAll(async () => {
  ({ db, close } = await createMigratedDb());
  alice = (await db.user.create({ data: { username: "alice", displayName: "A", passwordHash: "!", birthDate: "1990-01-01" } })).id;
  conversationId = (await db.conversation.create({ data: { kind: "group", title: "t", createdById: alice, members: { create: [{ userId: alice }] } } })).id;
});
afterAll(async () => close());

async function queued(): Promise<string> {
  const id = `mjob${++n}`;
  await db.media.create({ data: { id, ownerId: alice, conversationId, kind: "video", mime: "video/mp4", bytes: 1, storageKey: `k/${id}`, status: "processing" } });
  await enqueueMediaJob(db, id, { trimStartMs: 500 });
  return id;
}

describe("the media job queue", () => {
  it("gives a job to exactly one of many claims racing for it", async () => {
    const id = await queued();
    const claims = await Promise.all(Array.from({ length: 8 }, () => claimMediaJob(db)));
    const won = claims.filter((c) => c?.mediaId === id);
    expect(won).toHaveLength(1);
    expect(won[0]).toMatchObject({ attempts: 1, edits: { trimStartMs: 500 } });
    expect(await db.mediaJob.findUniqueOrThrow({ where: { mediaId: id } })).toMatchObject({ state: "running", attempts: 1 });
    await finishMediaJob(db, won[0]!.id, { state: "done" });
    expect(await claimMediaJob(db)).toBeNull();
  });

  it("claims a running job again only once its lease has expired (its node died)", async () => {
    const id = await queued();
    const first = await claimMediaJob(db);
    expect(first?.mediaId).toBe(id);
    expect(await claimMediaJob(db, new Date(Date.now() + MEDIA_JOBS.leaseMs - 1000))).toBeNull();
    const again = await claimMediaJob(db, new Date(Date.now() + MEDIA_JOBS.leaseMs + 1000));
    expect(again).toMatchObject({ id: first!.id, attempts: 2 });
    await finishMediaJob(db, first!.id, { state: "done" });
  });

  it("renews a running job's lease with its progress, and hands it back on a graceful stop", async () => {
    const id = await queued();
    const job = (await claimMediaJob(db))!;
    expect(await renewMediaJob(db, job.id, 0.4)).toBe(true);
    expect(await db.mediaJob.findUniqueOrThrow({ where: { mediaId: id } })).toMatchObject({ progress: 0.4 });
    await requeueOwnJobs(db);
    expect(await db.mediaJob.findUniqueOrThrow({ where: { mediaId: id } })).toMatchObject({ state: "queued", attempts: 0, lockedBy: null });
    expect(await renewMediaJob(db, job.id, 0.5)).toBe(false); // no longer this node's
    const resumed = await claimMediaJob(db);
    expect(resumed).toMatchObject({ mediaId: id, attempts: 1 });
    await finishMediaJob(db, resumed!.id, { state: "failed", errorCode: "UNSUPPORTED_MEDIA" });
    expect(await db.mediaJob.findUniqueOrThrow({ where: { mediaId: id } })).toMatchObject({ state: "failed", errorCode: "UNSUPPORTED_MEDIA" });
  });
});
