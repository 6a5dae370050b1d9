import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { createMigratedDb } from "../../../tests/helpers/database";
import { appendMessage } from "./append";

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
    const sends = Array.from({ length: 30 }, (_, i) =>
      appendMessage(db, { conversationId: c.id, senderId: i % 2 ? alice : bob, clientId: `burst-${i}`, kind: "text", text: String(i) }),
    );
    const retries = Array.from({ length: 5 }, () =>
      appendMessage(db, { conversationId: c.id, senderId: alice, clientId: "same", kind: "text", text: "dup" }),
    );
    const results = await Promise.all([...sends, ...retries]);
    const rows = await db.message.findMany({ where: { conversationId: c.id }, orderBy: { seq: "asc" } });
    expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));
    expect(new Set(results.slice(30).map((r) => r.message.id)).size).toBe(1);
  });
});
