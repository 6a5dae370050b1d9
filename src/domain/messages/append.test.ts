import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { createMigratedDb } from "../../../tests/helpers/database";
import { appendMessage } from "./append";
import { writerFor } from "./message-writer";

let db: Db;
let close: () => Promise<void>;
let alice: string;
let bob: string;

beforeAll(async () => {
  ({ db, close } = await createMigratedDb());
  alice = (await db.user.create({ data: { username: "alice", displayName: "A", passwordHash: "!", birthDate: "1990-01-01" } })).id;
  bob = (await db.user.create({ data: { username: "bob", displayName: "B", passwordHash: "!", birthDate: "1990-01-01" } })).id;
});
afterAll(() => close());

async function conversation() {
  return db.conversation.create({
    data: { kind: "group", title: "t", createdById: alice, members: { create: [{ userId: alice }, { userId: bob }] } },
  });
}

describe("appendMessage", () => {
  it("numbers messages 1, 2, 3 … per conversation", async () => {
    const c = await conversation();
    const other = await conversation();
    const a = await appendMessage(db, { conversationId: c.id, senderId: alice, clientId: "c1", kind: "text", text: "one" });
    const b = await appendMessage(db, { conversationId: c.id, senderId: bob, clientId: "c1", kind: "text", text: "two" });
    const x = await appendMessage(db, { conversationId: other.id, senderId: alice, clientId: "c2", kind: "text", text: "elsewhere" });
    expect([a.message.seq, b.message.seq, x.message.seq]).toEqual([1, 2, 1]);
    expect((await db.conversation.findUniqueOrThrow({ where: { id: c.id } })).lastSeq).toBe(2);
  });

  it("returns the original for a repeated clientId and stores nothing new", async () => {
    const c = await conversation();
    const first = await appendMessage(db, { conversationId: c.id, senderId: alice, clientId: "retry-me", kind: "text", text: "hi" });
    const again = await appendMessage(db, { conversationId: c.id, senderId: alice, clientId: "retry-me", kind: "text", text: "hi" });
    expect(first.created).toBe(true);
    expect(again).toEqual({ message: first.message, created: false });
    expect(await db.message.count({ where: { conversationId: c.id } })).toBe(1);
  });

  it("gives concurrent sends distinct, gap-free seqs and never doubles a concurrent retry", async () => {
    const c = await conversation();
    const sends = Array.from({ length: 30 }, (_, i) => appendMessage(db, { conversationId: c.id, senderId: i % 2 ? alice : bob, clientId: `burst-${i}`, kind: "text", text: String(i) }));
    const retries = Array.from({ length: 5 }, () => appendMessage(db, { conversationId: c.id, senderId: alice, clientId: "same", kind: "text", text: "dup" }));
    const results = await Promise.all([...sends, ...retries]);
    const rows = await db.message.findMany({ where: { conversationId: c.id }, orderBy: { seq: "asc" } });
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));
    expect(new Set(results.slice(30).map((r) => r.message.id)).size).toBe(1);
  });
});

describe("group commit", () => {
  it("writes concurrent appends across conversations in one go, each with its own gap-free seqs", async () => {
    const convs = await Promise.all([conversation(), conversation(), conversation()]);
    const results = await Promise.all(
      Array.from({ length: 60 }, (_, i) => appendMessage(db, { conversationId: convs[i % 3].id, senderId: i % 2 ? alice : bob, clientId: `gc-${i}`, kind: "text", text: `m${i}` })),
    );
    for (const c of convs) {
      const seqs = results
        .filter((r) => r.message.conversationId === c.id)
        .map((r) => r.message.seq)
        .sort((a, b) => a - b);
      expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
      expect((await db.conversation.findUniqueOrThrow({ where: { id: c.id } })).lastSeq).toBe(20);
    }
    expect(writerFor(db).stats.fallbacks).toBe(0);
    expect(writerFor(db).stats.batchedMessages).toBeGreaterThan(writerFor(db).stats.batches); // some batches held several
    // Within a conversation, seq follows the order the appends were made in.
    const first = results.filter((r) => r.message.conversationId === convs[0].id).map((r) => r.message);
    expect(first.map((m) => m.text)).toEqual(
      first
        .slice()
        .sort((a, b) => a.seq - b.seq)
        .map((m) => m.text),
    );
  });

  it("answers a batch that mixes stored retries and new messages correctly", async () => {
    const c = await conversation();
    const stored = await appendMessage(db, { conversationId: c.id, senderId: alice, clientId: "old", kind: "text", text: "old" });
    const [again, fresh, freshRetry] = await Promise.all([
      appendMessage(db, { conversationId: c.id, senderId: alice, clientId: "old", kind: "text", text: "old" }),
      appendMessage(db, { conversationId: c.id, senderId: alice, clientId: "new", kind: "text", text: "new" }),
      appendMessage(db, { conversationId: c.id, senderId: alice, clientId: "new", kind: "text", text: "new" }),
    ]);
    expect(again).toEqual({ message: stored.message, created: false });
    expect(fresh.created).toBe(true);
    expect(freshRetry).toEqual({ message: fresh.message, created: false });
    expect(await db.message.count({ where: { conversationId: c.id } })).toBe(2);
  });

  it("round-trips every field: system events, timestamps, replies and attached media in order", async () => {
    const c = await conversation();
    const first = await appendMessage(db, { conversationId: c.id, senderId: alice, clientId: "sys", kind: "system", systemEvent: { type: "member_added", userIds: [bob] } });
    expect(first.message.systemEvent).toEqual({ type: "member_added", userIds: [bob] });
    expect(Math.abs(Date.parse(first.message.createdAt) - Date.now())).toBeLessThan(60_000);
    const media = await Promise.all([1, 2, 3].map((n) => db.media.create({ data: { ownerId: alice, conversationId: c.id, kind: "image", mime: "image/jpeg", bytes: n, storageKey: `k${n}` } })));
    const ids = [media[2].id, media[0].id, media[1].id];
    const visual = await appendMessage(db, { conversationId: c.id, senderId: alice, clientId: "vis", kind: "visual", mediaIds: ids, replyToId: first.message.id });
    expect(visual.message.media?.map((m) => m.id)).toEqual(ids);
    expect(visual.message.replyToId).toBe(first.message.id);
    const row = await db.message.findUniqueOrThrow({ where: { id: visual.message.id } });
    expect(row.createdAt.toISOString()).toBe(visual.message.createdAt);
    expect(writerFor(db).stats.fallbacks).toBe(0);
  });
});

describe("rate limit in the batch", () => {
  const rule = { prefix: "batch-test", limit: 5, windowMs: 60_000 };

  it("lets the first `limit` of a burst through, refuses the rest with retryAfter, and counts every attempt", async () => {
    const c = await conversation();
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, (_, i) => appendMessage(db, { conversationId: c.id, senderId: alice, clientId: `rl-${i}`, kind: "text", text: String(i) }, { rateLimit: rule })),
    );
    const created = results.filter((r) => r.status === "fulfilled");
    expect(created).toHaveLength(5);
    expect(created.map((r) => (r as PromiseFulfilledResult<{ message: { text?: string } }>).value.message.text)).toEqual(["0", "1", "2", "3", "4"]);
    const refused = results.filter((r) => r.status === "rejected") as PromiseRejectedResult[];
    expect(refused.every((r) => r.reason.code === "RATE_LIMITED" && r.reason.extra.retryAfter >= 1)).toBe(true);
    expect(await db.message.count({ where: { conversationId: c.id } })).toBe(5);
    const windows = await db.rateLimitWindow.findMany({ where: { key: { startsWith: `batch-test:${alice}:` } } });
    expect(windows.reduce((n, w) => n + w.count, 0)).toBe(12);
  });

  it("answers a retry of a stored message with the original, without counting it", async () => {
    const c = await conversation();
    const before = (await db.rateLimitWindow.findMany({ where: { key: { startsWith: `batch-test:${bob}:` } } })).reduce((n, w) => n + w.count, 0);
    const first = await appendMessage(db, { conversationId: c.id, senderId: bob, clientId: "rl-retry", kind: "text", text: "x" }, { rateLimit: rule });
    const again = await appendMessage(db, { conversationId: c.id, senderId: bob, clientId: "rl-retry", kind: "text", text: "x" }, { rateLimit: rule });
    expect(again).toEqual({ message: first.message, created: false });
    const after = (await db.rateLimitWindow.findMany({ where: { key: { startsWith: `batch-test:${bob}:` } } })).reduce((n, w) => n + w.count, 0);
    expect(after - before).toBe(1);
  });
});

describe("uploads", () => {
  it("attaches an upload to one message only, even when two sends race for it", async () => {
    const c = await conversation();
    const upload = await db.media.create({ data: { ownerId: alice, conversationId: c.id, kind: "image", mime: "image/jpeg", bytes: 1, storageKey: "race" } });
    const results = await Promise.allSettled([
      appendMessage(db, { conversationId: c.id, senderId: alice, clientId: "race-1", kind: "visual", mediaIds: [upload.id] }),
      appendMessage(db, { conversationId: c.id, senderId: alice, clientId: "race-2", kind: "visual", mediaIds: [upload.id] }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "NOT_FOUND" } });
    expect(await db.message.count({ where: { conversationId: c.id } })).toBe(1);
  });

  it("in one batch: uploads are attached in order, and a message naming someone else's or another chat's upload is refused alone", async () => {
    const c = await conversation();
    const other = await conversation();
    const make = (ownerId: string, conversationId: string, key: string) => db.media.create({ data: { ownerId, conversationId, kind: "image", mime: "image/jpeg", bytes: 1, storageKey: key } });
    const [a1, a2, bobs, elsewhere] = await Promise.all([make(alice, c.id, "a1"), make(alice, c.id, "a2"), make(bob, c.id, "b1"), make(alice, other.id, "x1")]);
    const results = await Promise.allSettled([
      appendMessage(db, { conversationId: c.id, senderId: alice, clientId: "batch-up-1", kind: "visual", mediaIds: [a2.id, a1.id] }),
      appendMessage(db, { conversationId: c.id, senderId: alice, clientId: "batch-up-2", kind: "visual", mediaIds: [bobs.id] }),
      appendMessage(db, { conversationId: c.id, senderId: alice, clientId: "batch-up-3", kind: "visual", mediaIds: [elsewhere.id] }),
      appendMessage(db, { conversationId: c.id, senderId: alice, clientId: "batch-up-4", kind: "text", text: "beside them" }),
    ]);
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "rejected", "rejected", "fulfilled"]);
    const first = (results[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof appendMessage>>>).value.message;
    expect(first.media?.map((m) => m.id)).toEqual([a2.id, a1.id]);
    expect(await db.media.findUniqueOrThrow({ where: { id: bobs.id } })).toMatchObject({ messageId: null });
    expect(await db.media.findUniqueOrThrow({ where: { id: elsewhere.id } })).toMatchObject({ messageId: null });
    expect(await db.message.count({ where: { conversationId: c.id } })).toBe(2);
  });
});
