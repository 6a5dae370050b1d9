import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { birthDateForAge } from "@/db/seed/demo";
import { createMigratedDb } from "../../../tests/helpers/database";
import { needsScreening, visualNeedsScreening } from "./policy";

let db: Db;
let close: () => Promise<void>;
beforeAll(async () => ({ db, close } = await createMigratedDb()));
afterAll(() => close());

let n = 0;
async function user(age: number, nudityFilter = true) {
  return db.user.create({ data: { username: `p${n++}`, displayName: "P", passwordHash: "x", birthDate: birthDateForAge(age), nudityFilter } });
}
async function conversation(kind: string, members: { id: string }[], left: { id: string }[] = []) {
  return db.conversation.create({
    data: {
      kind,
      createdById: members[0].id,
      members: { create: [...members.map((m) => ({ userId: m.id })), ...left.map((m) => ({ userId: m.id, leftAt: new Date() }))] },
    },
  });
}

describe("who the nudity filter protects", () => {
  it("skips screening between two adults who both switched the filter off", async () => {
    const [a, b] = [await user(30, false), await user(25, false)];
    expect(await needsScreening(db, a.id, (await conversation("direct", [a, b])).id)).toBe(false);
  });

  it("screens when the sender's filter is on", async () => {
    const [a, b] = [await user(30, true), await user(25, false)];
    expect(await needsScreening(db, a.id, (await conversation("direct", [a, b])).id)).toBe(true);
  });

  it("screens when a recipient's filter is on", async () => {
    const [a, b] = [await user(30, false), await user(25, true)];
    expect(await needsScreening(db, a.id, (await conversation("direct", [a, b])).id)).toBe(true);
  });

  it("screens for a 17-year-old, sender or recipient, whatever their stored setting says", async () => {
    const [adult, teen] = [await user(30, false), await user(17, false)];
    const c = await conversation("direct", [adult, teen]);
    expect(await needsScreening(db, adult.id, c.id)).toBe(true);
    expect(await needsScreening(db, teen.id, c.id)).toBe(true);
  });

  it("screens in a group when any one member is protected, and ignores members who left", async () => {
    const [a, b, c, teen] = [await user(30, false), await user(31, false), await user(32, false), await user(16, false)];
    expect(await needsScreening(db, a.id, (await conversation("group", [a, b, c, teen])).id)).toBe(true);
    expect(await needsScreening(db, a.id, (await conversation("group", [a, b, c], [teen])).id)).toBe(false);
  });

  it("always screens in creator chat rooms", async () => {
    const [a, b] = [await user(30, false), await user(25, false)];
    expect(await needsScreening(db, a.id, (await conversation("topic", [a, b])).id)).toBe(true);
  });

  it("turns 18 on the birthday: the pure rule follows the date", () => {
    const birthDate = "2008-06-15";
    const facts = { conversationKind: "direct", sender: { birthDate, nudityFilter: false }, recipients: [{ birthDate: "1990-01-01", nudityFilter: false }] };
    expect(visualNeedsScreening(facts, new Date("2026-06-14T12:00:00Z"))).toBe(true);
    expect(visualNeedsScreening(facts, new Date("2026-06-15T12:00:00Z"))).toBe(false);
  });

  it("answers NOT_FOUND for a conversation that does not exist", async () => {
    const a = await user(30);
    await expect(needsScreening(db, a.id, "nope")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
