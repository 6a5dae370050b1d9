// The message writer, run on every database the tests have: SQLite, and PostgreSQL when
// TEST_DATABASE_URL is set. The last scenario (a start, sends, system messages, uploads,
// retries) must give the same results on both.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { createMigratedDb, type Flavor } from "../../../tests/helpers/database";
import { startConversation } from "@/domain/conversations/start";
import type { StartConversation } from "@/shared/schemas/conversations";
import { appendInTx, appendMessage, StalePolicyError } from "./append";
import { writerFor } from "./message-writer";
import { attachBatchThread } from "./batch-thread";
import { startMessageBatchThread } from "@/server/message-batch-thread";
import { scenario, type ScenarioResult } from "../../../tests/helpers/message-scenario";

const flavors: Flavor[] = ["sqlite", ...(process.env.TEST_DATABASE_URL ? (["postgres"] as const) : [])];
/** Each database in the process, and once more with the batches written on the server's batch thread (its own connection). */
const setups: { name: string; flavor: Flavor; thread: boolean }[] = flavors.flatMap((flavor) => [
  { name: flavor, flavor, thread: false },
  { name: `${flavor}, batches on a thread`, flavor, thread: true },
]);
const scenarioResults = new Map<string, ScenarioResult>();

describe.each(setups)("on $name", ({ name, flavor, thread }) => {
  let db: Db;
  let close: () => Promise<void>;
  let alice: string;
  let bob: string;

  beforeAll(async () => {
    let database: { url: string };
    ({ db, close, database } = await createMigratedDb(flavor));
    if (thread) {
      const started = (await startMessageBatchThread(database.url, { bundled: false }))!;
      attachBatchThread(db, started);
      const closeDb = close;
      close = async () => {
        // The thread wrote the batches (the tests below would pass in the process too).
        expect(started.written).toBeGreaterThan(10);
        await started.stop();
        await closeDb();
      };
    }
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
    it.runIf(thread)("on the thread, waits for a transaction open on the server's connection, then writes (no deadlock, no SQLITE_BUSY)", async () => {
      const c = await conversation();
      // SQLite: any write holds the database; PostgreSQL: the batch locks the conversation's row.
      const write = (tx: Parameters<Parameters<typeof db.$transaction>[0]>[0]) =>
        flavor === "sqlite" ? tx.user.update({ where: { id: alice }, data: { displayName: "Alice, busy" } }) : tx.conversation.update({ where: { id: c.id }, data: { title: "busy" } });
      let release!: () => void;
      let opened!: () => void;
      const isOpen = new Promise<void>((resolve) => (opened = resolve));
      const held = db.$transaction(
        async (tx) => {
          await write(tx);
          opened();
          await new Promise<void>((resolve) => (release = resolve));
        },
        { timeout: 10_000 },
      );
      await isOpen; // the server's connection holds the write lock and awaits
      const sent = appendMessage(db, { conversationId: c.id, senderId: alice, clientId: "after-tx", kind: "text", text: "waits" });
      const settled = await Promise.race([sent.then(() => "written"), new Promise((resolve) => setTimeout(() => resolve("waiting"), 150))]);
      expect(settled).toBe("waiting");
      release();
      await held;
      expect((await sent).message.seq).toBe(1);
      expect(flavor === "sqlite" ? (await db.user.findUniqueOrThrow({ where: { id: alice } })).displayName : (await db.conversation.findUniqueOrThrow({ where: { id: c.id } })).title).toMatch(/busy/);
    });

    it("numbers messages 1, 2, 3 … per conversation", async () => {
      const c = await conversation();
      const other = await conversation();
      const a = await appendMessage(db, { conversationId: c.id, senderId: alice, clientId: "c1", kind: "text", text: "one" });
      const b = await appendMessage(db, { conversationId: c.id, senderId: bob, clientId: "c1", kind: "text", text: "two" });
      const x = await appendMessage(db, { conversationId: other.id, senderId: alice, clientId: "c2", kind: "text", text: "elsewhere" });
      expect([a.message.seq, b.message.seq, x.message.seq]).toEqual([1, 2, 1]);
      expect((await db.conversation.findUniqueOrThrow({ where: { id: c.id } })).lastSeq).toBe(2);
    });

    it("refuses a message checked against an older policy version (StalePolicyError), writing nothing and taking no seq, while its batch goes on", async () => {
      const c = await conversation();
      const { policyVersion } = await db.conversation.findUniqueOrThrow({ where: { id: c.id } });
      await db.conversationMember.update({ where: { conversationId_userId: { conversationId: c.id, userId: bob } }, data: { role: "admin" } });
      const [stale, current] = await Promise.allSettled([
        appendMessage(db, { conversationId: c.id, senderId: alice, clientId: "stale", kind: "text", text: "checked before" }, { policyVersion }),
        appendMessage(db, { conversationId: c.id, senderId: bob, clientId: "current", kind: "text", text: "checked after" }, { policyVersion: policyVersion + 1 }),
      ]);
      expect(stale.status === "rejected" && stale.reason).toBeInstanceOf(StalePolicyError);
      expect(current.status === "fulfilled" && current.value.message.seq).toBe(1);
      expect((await db.message.findMany({ where: { conversationId: c.id } })).map((m) => m.clientId)).toEqual(["current"]);
    });

    it("leaves a conversation whose every message in the batch is stale as it was (lastSeq, lastMessageAt), while another advances", async () => {
      const c = await conversation();
      const other = await conversation();
      const before = await db.conversation.findUniqueOrThrow({ where: { id: c.id } });
      await db.conversationMember.update({ where: { conversationId_userId: { conversationId: c.id, userId: bob } }, data: { role: "admin" } });
      const [stale, written] = await Promise.allSettled([
        appendMessage(db, { conversationId: c.id, senderId: alice, clientId: "all-stale", kind: "text", text: "checked before" }, { policyVersion: before.policyVersion }),
        appendMessage(db, { conversationId: other.id, senderId: alice, clientId: "elsewhere", kind: "text", text: "fine" }),
      ]);
      expect(stale.status === "rejected" && stale.reason).toBeInstanceOf(StalePolicyError);
      expect(written.status === "fulfilled" && written.value.message.seq).toBe(1);
      const after = await db.conversation.findUniqueOrThrow({ where: { id: c.id } });
      expect({ lastSeq: after.lastSeq, lastMessageAt: after.lastMessageAt }).toEqual({ lastSeq: before.lastSeq, lastMessageAt: before.lastMessageAt });
      expect((await db.conversation.findUniqueOrThrow({ where: { id: other.id } })).lastSeq).toBe(1);
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

    it("stores text with a lone surrogate as every write path does: one U+FFFD in its place, valid UTF-8", async () => {
      const c = await conversation();
      const sent = await appendMessage(db, { conversationId: c.id, senderId: alice, clientId: "surrogate", kind: "text", text: "a\ud800b 😀" });
      const row = await db.message.findUniqueOrThrow({ where: { id: sent.message.id } });
      expect(row.text).toBe("a\ufffdb 😀");
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

  describe("one write path", () => {
    it("writes a message in the caller's transaction: it commits with the conversation, or neither does", async () => {
      let first: unknown;
      await expect(
        db.$transaction(async (tx) => {
          const c = await tx.conversation.create({ data: { kind: "group", title: "in-tx", createdById: alice, members: { create: [{ userId: alice }] } } });
          [first] = await appendInTx(tx, flavor, [{ conversationId: c.id, senderId: alice, clientId: "tx-1", kind: "text", text: "first" }]);
          await appendInTx(tx, flavor, [{ conversationId: c.id, senderId: alice, clientId: "tx-2", kind: "visual", mediaIds: ["no-such-upload"] }]);
        }),
      ).rejects.toMatchObject({ code: "NOT_FOUND" });
      expect(first).toMatchObject({ created: true, seq: 1, message: { seq: 1, text: "first" } });
      expect(await db.conversation.count({ where: { title: "in-tx" } })).toBe(0);
      expect(await db.message.count({ where: { senderId: alice, clientId: { in: ["tx-1", "tx-2"] } } })).toBe(0);
    });

    it("answers a clientId stored before with the original inside a transaction, writing nothing", async () => {
      const c = await conversation();
      const original = await appendMessage(db, { conversationId: c.id, senderId: alice, clientId: "tx-stored", kind: "text", text: "once" });
      const [again] = await db.$transaction((tx) => appendInTx(tx, flavor, [{ conversationId: c.id, senderId: alice, clientId: "tx-stored", kind: "text", text: "once" }]));
      expect(again).toEqual({ message: original.message, created: false, seq: 1 });
      expect((await db.conversation.findUniqueOrThrow({ where: { id: c.id } })).lastSeq).toBe(1);
    });

    it("answers two concurrent starts with the same clientId with one conversation and its one first message", async () => {
      const carol = (await db.user.create({ data: { username: "carol", displayName: "C", passwordHash: "!", birthDate: "1990-01-01" } })).id;
      const start: StartConversation = { kind: "group", title: "twice", memberIds: [bob, carol], message: { clientId: "start-twice", text: "once" } };
      const [a, b] = await Promise.all([startConversation(db, alice, start), startConversation(db, alice, start)]);
      expect([a.created, b.created].sort()).toEqual([false, true]);
      expect(b.message).toEqual(a.message);
      expect(b.conversation.id).toBe(a.conversation.id);
      expect(await db.conversation.count({ where: { title: "twice" } })).toBe(1);
      expect(await db.message.count({ where: { conversationId: a.conversation.id } })).toBe(1);
    });

    it("a start, sends, system messages, uploads and retries give the expected seqs, read positions and attachments", async () => {
      const result = await scenario(db);
      scenarioResults.set(name, result);
      expect(result).toEqual(EXPECTED);
    });
  });
});

describe("thread parity", () => {
  it.each(flavors)("the scenario gives the same results on %s with the batch written on a thread", (flavor) => {
    expect(scenarioResults.get(`${flavor}, batches on a thread`)).toEqual(scenarioResults.get(flavor));
  });
});

describe.skipIf(flavors.length < 2)("parity", () => {
  it("the scenario gives the same results on SQLite and PostgreSQL", () => {
    expect([...scenarioResults.keys()].sort()).toEqual(["postgres", "postgres, batches on a thread", "sqlite", "sqlite, batches on a thread"]);
    expect(scenarioResults.get("postgres")).toEqual(scenarioResults.get("sqlite"));
  });
});

/** Worked out by hand: seqs 1…8 in order; each sender has read up to their own last message (dave from his join); uploads in the order named. */
const msg = (seq: number, sender: string, kind: string, clientId: string, more: { text?: string; systemEvent?: unknown; replyTo?: string; media?: { upload: string; position: number }[] } = {}) => ({
  seq,
  sender,
  kind,
  clientId,
  text: more.text ?? null,
  systemEvent: more.systemEvent ?? null,
  replyTo: more.replyTo ?? null,
  media: more.media ?? [],
});
const member = (user: string, role: string, state: string, lastReadSeq: number, hiddenUpToSeq = 0, left = false) => ({ user, role, state, lastReadSeq, hiddenUpToSeq, left });
const EXPECTED: ScenarioResult = {
  start: { created: true, retryCreated: false, retryIsOriginal: true, reused: "CLIENT_ID_REUSED" },
  send: { created: true, retryCreated: false, retryIsOriginal: true, reused: "CLIENT_ID_REUSED" },
  writerIds: true,
  viewsAsStored: true,
  messages: [
    msg(1, "p_alice", "text", "start-1", { text: "hello" }),
    msg(2, "p_bob", "text", "b-1", { text: "hi all" }),
    msg(3, "p_alice", "system", "server", { systemEvent: { type: "members_added", userIds: ["p_dave"] } }),
    msg(4, "p_bob", "system", "server", { systemEvent: { type: "group_renamed", title: "New plans" } }),
    msg(5, "p_alice", "visual", "a-visual", {
      media: [
        { upload: "u2", position: 0 },
        { upload: "u1", position: 1 },
      ],
    }),
    msg(6, "p_dave", "text", "d-1", { text: "new here" }),
    msg(7, "p_alice", "text", "a-reply", { text: "welcome", replyTo: "seq 1" }),
    msg(8, "p_alice", "system", "server", { systemEvent: { type: "member_removed", userId: "p_carol" } }),
  ],
  conversation: { lastSeq: 8, title: "New plans", lastMessageAtIsLast: true },
  members: [member("p_alice", "owner", "accepted", 8), member("p_bob", "member", "accepted", 4), member("p_carol", "member", "request", 0, 0, true), member("p_dave", "member", "accepted", 6, 2)],
};
