// The triggers behind Conversation.policyVersion: every change a send's checks read moves
// the version of exactly the conversations it concerns, and nothing else does (a read
// position moves on every message: it must not invalidate the node caches).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db/client";
import { createMigratedDb } from "../../tests/helpers/database";

let db: Db;
let close: () => Promise<void>;
const ids = { ana: "u-ana", ben: "u-ben", cleo: "u-cleo" };
const direct = "c-direct"; // ana and ben
const group = "c-group"; // ana, ben, cleo
const other = "c-other"; // ben and cleo

beforeAll(async () => {
  ({ db, close } = await createMigratedDb());
  for (const [name, id] of Object.entries(ids)) {
    await db.user.create({ data: { id, username: name, displayName: name, passwordHash: "x", birthDate: "1990-01-01" } });
  }
  await db.conversation.create({ data: { id: direct, kind: "direct", directKey: [ids.ana, ids.ben].sort().join(":"), createdById: ids.ana } });
  await db.conversation.create({ data: { id: group, kind: "group", title: "g", createdById: ids.ana } });
  await db.conversation.create({ data: { id: other, kind: "direct", directKey: [ids.ben, ids.cleo].sort().join(":"), createdById: ids.ben } });
  await db.conversationMember.createMany({
    data: [
      { conversationId: direct, userId: ids.ana },
      { conversationId: direct, userId: ids.ben },
      { conversationId: group, userId: ids.ana, role: "owner" },
      { conversationId: group, userId: ids.ben },
      { conversationId: other, userId: ids.ben },
      { conversationId: other, userId: ids.cleo },
    ],
  });
});
afterAll(() => close());

async function versions() {
  const rows = await db.conversation.findMany({ select: { id: true, policyVersion: true } });
  return Object.fromEntries(rows.map((r) => [r.id, r.policyVersion]));
}
/** Which conversations' versions the change moved. */
async function moved(change: () => Promise<unknown>): Promise<string[]> {
  const before = await versions();
  await change();
  const after = await versions();
  return Object.keys(after)
    .filter((id) => after[id] !== before[id])
    .sort();
}
const member = (conversationId: string, userId: string) => ({ conversationId_userId: { conversationId, userId } });

describe("Conversation.policyVersion", () => {
  it("moves with the members: joining, leaving, role, state, mute, hidden history", async () => {
    expect(await moved(() => db.conversationMember.create({ data: { conversationId: group, userId: ids.cleo } }))).toEqual([group]);
    expect(await moved(() => db.conversationMember.update({ where: member(group, ids.cleo), data: { leftAt: new Date() } }))).toEqual([group]);
    expect(await moved(() => db.conversationMember.update({ where: member(group, ids.ben), data: { role: "admin" } }))).toEqual([group]);
    expect(await moved(() => db.conversationMember.update({ where: member(direct, ids.ben), data: { state: "request" } }))).toEqual([direct]);
    expect(await moved(() => db.conversationMember.update({ where: member(direct, ids.ben), data: { muted: true } }))).toEqual([direct]);
    expect(await moved(() => db.conversationMember.update({ where: member(direct, ids.ben), data: { hiddenUpToSeq: 3 } }))).toEqual([direct]);
    expect(await moved(() => db.conversationMember.delete({ where: member(group, ids.cleo) }))).toEqual([group]);
  });

  it("does not move with a read position, nor with a write that changes nothing", async () => {
    expect(await moved(() => db.conversationMember.update({ where: member(direct, ids.ana), data: { lastReadSeq: 7 } }))).toEqual([]);
    expect(await moved(() => db.conversationMember.update({ where: member(direct, ids.ana), data: { state: "accepted", lastReadSeq: 8 } }))).toEqual([]);
    expect(await moved(() => db.conversation.update({ where: { id: direct }, data: { lastSeq: 8 } }))).toEqual([]);
    expect(await moved(() => db.user.update({ where: { id: ids.ana }, data: { bio: "hello", theme: "dark" } }))).toEqual([]);
  });

  it("moves in every conversation of a person whose settings or profile change", async () => {
    expect(await moved(() => db.user.update({ where: { id: ids.ana }, data: { nudityFilter: false } }))).toEqual([direct, group]);
    expect(await moved(() => db.user.update({ where: { id: ids.ben }, data: { dmPolicy: "nobody" } }))).toEqual([direct, group, other]);
    expect(await moved(() => db.user.update({ where: { id: ids.cleo }, data: { displayName: "Cleo" } }))).toEqual([other]);
    expect(await moved(() => db.user.update({ where: { id: ids.cleo }, data: { birthDate: "2009-01-01" } }))).toEqual([other]);
  });

  it("moves in the 1:1 of two people when one blocks, unblocks, follows or unfollows the other", async () => {
    expect(await moved(() => db.userBlock.create({ data: { blockerId: ids.ben, blockedId: ids.ana } }))).toEqual([direct]);
    expect(await moved(() => db.userBlock.delete({ where: { blockerId_blockedId: { blockerId: ids.ben, blockedId: ids.ana } } }))).toEqual([direct]);
    expect(await moved(() => db.follow.create({ data: { followerId: ids.ana, followeeId: ids.ben } }))).toEqual([direct]);
    expect(await moved(() => db.follow.delete({ where: { followerId_followeeId: { followerId: ids.ana, followeeId: ids.ben } } }))).toEqual([direct]);
    // No 1:1 between ana and cleo: nothing moves.
    expect(await moved(() => db.userBlock.create({ data: { blockerId: ids.cleo, blockedId: ids.ana } }))).toEqual([]);
  });
});
