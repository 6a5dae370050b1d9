// A message the database refuses (PostgreSQL: a NUL byte in text) that slipped past the
// schemas fails alone: the messages batched with it are all stored, without the batch's
// retry delays. (SQLite stores such text; there every message lands.)
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { createMigratedDb, testFlavor } from "../../../tests/helpers/database";
import { appendMessage } from "./append";

let db: Db;
let close: () => Promise<void>;
let alice: string;

beforeAll(async () => {
  ({ db, close } = await createMigratedDb());
  alice = (await db.user.create({ data: { username: "alice", displayName: "A", passwordHash: "!", birthDate: "1990-01-01" } })).id;
});
afterAll(() => close());

describe("a refused message in a batch", () => {
  it("fails alone and quickly; the others in its batch are stored", async () => {
    const c = await db.conversation.create({ data: { kind: "group", title: "t", createdById: alice, members: { create: [{ userId: alice }] } } });
    const started = Date.now();
    const results = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) => appendMessage(db, { conversationId: c.id, senderId: alice, clientId: `iso-${i}`, kind: "text", text: i === 7 ? "poison\u0000" : `good ${i}` })),
    );
    const elapsed = Date.now() - started;
    const good = results.filter((_, i) => i !== 7);
    expect(good.every((r) => r.status === "fulfilled")).toBe(true);
    if (testFlavor() === "postgres") {
      expect(results[7]).toMatchObject({ status: "rejected", reason: { code: "VALIDATION_FAILED" } });
      expect(elapsed).toBeLessThan(1000);
    }
    expect(await db.message.count({ where: { conversationId: c.id, text: { startsWith: "good" } } })).toBe(19);
  });
});
