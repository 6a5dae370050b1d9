import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { birthDateForAge } from "@/db/seed/demo";
import { ZReport } from "@/shared/schemas/safety";
import { createMigratedDb } from "../../../tests/helpers/database";
import { reportUser } from "./reports";

let db: Db;
let close: () => Promise<void>;
beforeAll(async () => ({ db, close } = await createMigratedDb()));
afterAll(() => close());

let n = 0;
const user = () => db.user.create({ data: { username: `r${n++}`, displayName: "R", passwordHash: "x", birthDate: birthDateForAge(25) } });

async function messageBetween(senderId: string, otherId: string) {
  const conversation = await db.conversation.create({
    data: { kind: "direct", createdById: senderId, lastSeq: 1, members: { create: [{ userId: senderId }, { userId: otherId }] } },
  });
  return db.message.create({ data: { conversationId: conversation.id, senderId, clientId: `c${n++}`, seq: 1, kind: "text", text: "hi" } });
}

describe("reporting a user", () => {
  it("stores an open report with the reason and details", async () => {
    const [me, them] = [await user(), await user()];
    const { report, created } = await reportUser(db, me.id, them.id, { reason: "harassment", details: "keeps insulting me" });
    expect(created).toBe(true);
    expect(report).toMatchObject({ reportedUserId: them.id, reason: "harassment", details: "keeps insulting me", status: "open" });
    expect(await db.report.findUniqueOrThrow({ where: { id: report.id } })).toMatchObject({ reporterId: me.id, reportedUserId: them.id });
  });

  it("keeps one report when the same thing is reported twice while open", async () => {
    const [me, them] = [await user(), await user()];
    const first = await reportUser(db, me.id, them.id, { reason: "spam" });
    const second = await reportUser(db, me.id, them.id, { reason: "spam" });
    expect(second).toMatchObject({ created: false, report: { id: first.report.id } });
    expect(await db.report.count({ where: { reporterId: me.id } })).toBe(1);
  });

  it("reports a message of theirs from a shared conversation", async () => {
    const [me, them] = [await user(), await user()];
    const message = await messageBetween(them.id, me.id);
    const { report } = await reportUser(db, me.id, them.id, { reason: "nudity", messageId: message.id });
    expect(report.messageId).toBe(message.id);
  });

  it("answers NOT_FOUND for a message that is not theirs or not in a conversation of mine, and stores nothing", async () => {
    const [me, them, stranger] = [await user(), await user(), await user()];
    const mine = await messageBetween(me.id, them.id);
    const elsewhere = await messageBetween(them.id, stranger.id);
    for (const messageId of [mine.id, elsewhere.id, "nope"]) {
      await expect(reportUser(db, me.id, them.id, { reason: "spam", messageId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    expect(await db.report.count({ where: { reporterId: me.id } })).toBe(0);
  });

  it("answers NOT_FOUND for an unknown user and NOT_ALLOWED for oneself", async () => {
    const me = await user();
    await expect(reportUser(db, me.id, "nope", { reason: "spam" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(reportUser(db, me.id, me.id, { reason: "spam" })).rejects.toMatchObject({ code: "NOT_ALLOWED" });
  });

  it('needs details for the reason "other" and refuses unknown reasons', () => {
    expect(ZReport.safeParse({ reason: "other" }).success).toBe(false);
    expect(ZReport.safeParse({ reason: "other", details: "pretends to be my friend" }).success).toBe(true);
    expect(ZReport.safeParse({ reason: "rude" }).success).toBe(false);
    expect(ZReport.safeParse({ reason: "spam", details: "x".repeat(1001) }).success).toBe(false);
  });
});
