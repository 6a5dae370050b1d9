// The node's send cache on its own: what it serves from memory and what it reads again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { createMigratedDb } from "../../../tests/helpers/database";
import { SendContextCache } from "./send-context";

let db: Db;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ db, close } = await createMigratedDb());
  for (const id of ["u1", "u2", "u3"]) await db.user.create({ data: { id, username: id, displayName: id, passwordHash: "x", birthDate: "1990-01-01" } });
  for (const [id, lastSeq] of [
    ["c1", 5],
    ["c2", 3],
    ["c3", 1],
    ["empty", 0],
  ] as const) {
    await db.conversation.create({ data: { id, kind: "direct", directKey: `${id}-key`, createdById: "u1", lastSeq } });
    await db.conversationMember.createMany({ data: ["u1", "u2"].map((userId) => ({ conversationId: id, userId })) });
  }
  await db.userBlock.create({ data: { blockerId: "u2", blockedId: "u1" } });
});
afterAll(() => close());

describe("SendContextCache", () => {
  it("reads a conversation once, then serves it with the pair's blocks and follows, until told to read it fresh", async () => {
    const cache = new SendContextCache(10);
    const first = await cache.get(db, "c1");
    expect(first).toMatchObject({ cached: false, relations: [{ relation: "block", fromId: "u2" }] });
    expect(first?.conversation.members.map((m) => m.userId)).toEqual(["u1", "u2"]);
    expect(await cache.get(db, "c1")).toMatchObject({ cached: true });
    expect(await cache.get(db, "c1", { fresh: true })).toMatchObject({ cached: false });
    expect(cache.stats).toEqual({ hits: 1, loads: 2 });
  });

  it("never serves a conversation without messages (whether a message opens it depends on that), until this node wrote one", async () => {
    const cache = new SendContextCache(10);
    await cache.get(db, "empty");
    expect(await cache.get(db, "empty")).toMatchObject({ cached: false, conversation: { lastSeq: 0 } });
    cache.appended("empty", 1);
    expect(await cache.get(db, "empty")).toMatchObject({ cached: true, conversation: { lastSeq: 1 } });
  });

  it("keeps at most its bound, dropping the least recently used; a bound of 0 keeps nothing", async () => {
    const cache = new SendContextCache(2);
    await cache.get(db, "c1");
    await cache.get(db, "c2");
    await cache.get(db, "c1"); // c1 used last: c2 goes first
    await cache.get(db, "c3");
    expect(cache.size).toBe(2);
    expect((await cache.get(db, "c1"))?.cached).toBe(true);
    expect((await cache.get(db, "c2"))?.cached).toBe(false);
    const none = new SendContextCache(0);
    await none.get(db, "c1");
    expect((await none.get(db, "c1"))?.cached).toBe(false);
    expect(none.size).toBe(0);
  });

  it("answers null for an unknown conversation and keeps nothing for it", async () => {
    const cache = new SendContextCache(10);
    expect(await cache.get(db, "nope")).toBeNull();
    expect(cache.size).toBe(0);
  });
});
