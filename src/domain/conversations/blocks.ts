// Blocking a user: they can't message you or add you to groups (and you can't message
// them); neither shows up when the other picks people. A 1:1 that was still a request
// to you is removed from your inbox. The blocked person is told nothing.
import type { Db } from "@/db/client";
import { DomainError, notFound } from "@/domain/errors";
import { dropUnadmitted } from "@/domain/rooms/eviction";
import { pushRemoved, pushViews } from "./notify";
import { directKeyOf } from "./start";
import { conversationViewsFor } from "./view";

export interface BlockedUser {
  id: string;
  username: string;
  displayName: string;
  avatarUrl: string | null;
}

async function directWith(db: Db, userId: string, otherId: string) {
  const conversation = await db.conversation.findUnique({ where: { directKey: directKeyOf(userId, otherId) }, select: { id: true, lastSeq: true } });
  if (!conversation) return null;
  const me = await db.conversationMember.findUnique({ where: { conversationId_userId: { conversationId: conversation.id, userId } } });
  return me ? { ...conversation, me } : null;
}

export async function blockUser(db: Db, userId: string, targetId: string): Promise<{ blocked: true }> {
  if (userId === targetId) throw new DomainError("VALIDATION_FAILED", "You can't block yourself.");
  const target = await db.user.findUnique({ where: { id: targetId }, select: { id: true } });
  if (!target) throw notFound("No such user");
  await db.userBlock.upsert({
    where: { blockerId_blockedId: { blockerId: userId, blockedId: targetId } },
    create: { blockerId: userId, blockedId: targetId },
    update: {},
  });
  // A creator's block covers their rooms: the blocked person is out of every one of them.
  await dropUnadmitted(db, userId, targetId);
  const direct = await directWith(db, userId, targetId);
  if (direct?.me.state === "request") {
    // Block from the request: it leaves the requests.
    await db.conversationMember.update({
      where: { conversationId_userId: { conversationId: direct.id, userId } },
      data: { hiddenUpToSeq: Math.max(direct.me.hiddenUpToSeq, direct.lastSeq) },
    });
    pushRemoved([userId], direct.id);
  } else if (direct && direct.lastSeq > direct.me.hiddenUpToSeq) {
    pushViews("conversation:updated", await conversationViewsFor(db, direct.id, [userId]));
  }
  return { blocked: true };
}

export async function unblockUser(db: Db, userId: string, targetId: string): Promise<{ blocked: false }> {
  const { count } = await db.userBlock.deleteMany({ where: { blockerId: userId, blockedId: targetId } });
  if (count) {
    const direct = await directWith(db, userId, targetId);
    if (direct && direct.lastSeq > direct.me.hiddenUpToSeq) pushViews("conversation:updated", await conversationViewsFor(db, direct.id, [userId]));
  }
  return { blocked: false };
}

export async function listBlocked(db: Db, userId: string): Promise<BlockedUser[]> {
  const rows = await db.userBlock.findMany({
    where: { blockerId: userId },
    orderBy: { createdAt: "desc" },
    select: { blocked: { select: { id: true, username: true, displayName: true, avatarUrl: true } } },
  });
  return rows.map((r) => r.blocked);
}

/** Everyone the user blocked or was blocked by: people pickers leave them out. */
export async function blockedEitherWay(db: Db, userId: string): Promise<Set<string>> {
  const rows = await db.userBlock.findMany({
    where: { OR: [{ blockerId: userId }, { blockedId: userId }] },
    select: { blockerId: true, blockedId: true },
  });
  return new Set(rows.map((r) => (r.blockerId === userId ? r.blockedId : r.blockerId)));
}

/** Those among `audience` who blocked `userId`: they are not shown that person's typing or reads. */
export async function blockersOf(db: Db, userId: string, audience: readonly string[]): Promise<Set<string>> {
  if (!audience.length) return new Set();
  const rows = await db.userBlock.findMany({ where: { blockedId: userId, blockerId: { in: [...audience] } }, select: { blockerId: true } });
  return new Set(rows.map((r) => r.blockerId));
}
