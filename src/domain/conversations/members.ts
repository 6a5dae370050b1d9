// Group membership: add (any accepted member, within the size limit and the rules of
// who may message whom), remove (the owner or an admin), leave, and roles (the owner).
// Each change is one transaction with its system message, and every member hears of it.
import { flavorOf, type Db } from "@/db/client";
import { DomainError, notFound } from "@/domain/errors";
import { consumeLimit } from "@/domain/limits/consume";
import { appendInTx, serverClientId, type Tx } from "@/domain/messages/append";
import type { MessageView } from "@/domain/messages/view";
import { CONVERSATION } from "@/shared/limits";
import type { ConversationView, SystemEvent } from "@/shared/views";
import { loadForMember } from "./access";
import { pushConversation, pushRemoved } from "./notify";
import { groupAddPermissions } from "./permissions";
import { assertAllAllowed } from "./start";
import { lastMessages, loadConversation, toConversationView } from "./view";
import { pushMessageTo } from "./visibility";

export interface MembershipChange {
  /** The caller's view after the change (null when the caller left). */
  conversation: ConversationView | null;
  /** The system message, or null when nothing changed. */
  message: MessageView | null;
}

const groupOnly = () => new DomainError("NOT_ALLOWED", "Only groups have members to add or remove.");
const acceptFirst = () => new DomainError("NOT_ALLOWED", "Accept the group first.");
const groupFull = () => new DomainError("GROUP_FULL", `A group has at most ${CONVERSATION.groupMaxMembers} members.`);

/** One transaction: the system message first (it locks the conversation row), then the change. */
async function withSystemMessage(db: Db, conversationId: string, actorId: string, event: SystemEvent, change: (tx: Tx, seq: number) => Promise<void>) {
  return db.$transaction(async (tx) => {
    const [{ message, seq }] = await appendInTx(tx, flavorOf(db), [{ conversationId, senderId: actorId, clientId: serverClientId(), kind: "system", systemEvent: event }]);
    await change(tx, seq);
    return message;
  });
}

/**
 * The pushes after a membership change: conversation:new to those who joined,
 * conversation:removed to those who went, conversation:updated to everyone else,
 * then the system message to every active member.
 */
async function announce(db: Db, conversationId: string, message: MessageView, joined: string[], gone: string[], viewerId: string): Promise<ConversationView | null> {
  const conversation = await loadConversation(db, conversationId);
  if (!conversation) return null;
  const memberIds = conversation.members.map((m) => m.userId);
  if (gone.length) pushRemoved(gone, conversationId);
  pushConversation("conversation:new", conversation, message, joined);
  pushConversation(
    "conversation:updated",
    conversation,
    message,
    memberIds.filter((id) => !joined.includes(id)),
  );
  pushMessageTo("message:new", conversation.members, message);
  return conversation.members.some((m) => m.userId === viewerId) ? toConversationView(conversation, viewerId, message) : null;
}

/** Who changes whose membership in which conversation: named, so that two ids cannot be swapped unnoticed. */
export interface MemberAction {
  actorId: string;
  conversationId: string;
  targetId: string;
}

export async function addMembers(db: Db, { actorId, conversationId, userIds }: Omit<MemberAction, "targetId"> & { userIds: string[] }): Promise<MembershipChange> {
  await consumeLimit("memberChange", actorId);
  const { conversation, me } = await loadForMember(db, conversationId, actorId);
  if (conversation.kind !== "group") throw groupOnly();
  if (me.state === "request") throw acceptFirst();
  const active = new Set(conversation.members.map((m) => m.userId));
  const newIds = [...new Set(userIds)].filter((id) => !active.has(id));
  if (!newIds.length) {
    const lastMessage = (await lastMessages(db, [conversation])).get(conversationId) ?? null;
    return { conversation: toConversationView(conversation, actorId, lastMessage), message: null };
  }
  if (active.size + newIds.length > CONVERSATION.groupMaxMembers) throw groupFull();
  const permissions = await groupAddPermissions(db, actorId, newIds);
  const missing = newIds.filter((id) => !permissions.has(id));
  if (missing.length) throw new DomainError("NOT_FOUND", "No such user", { details: { userIds: missing } });
  assertAllAllowed(permissions);

  const message = await withSystemMessage(db, conversationId, actorId, { type: "members_added", userIds: newIds }, async (tx, seq) => {
    // Counted again under the conversation's lock: two adds at once cannot pass 32 together.
    const count = await tx.conversationMember.count({ where: { conversationId, leftAt: null } });
    if (count + newIds.length > CONVERSATION.groupMaxMembers) throw groupFull();
    const former = new Set((await tx.conversationMember.findMany({ where: { conversationId, userId: { in: newIds } }, select: { userId: true } })).map((m) => m.userId));
    const stateOf = (id: string) => {
      const p = permissions.get(id)!;
      return p.allowed && p.asRequest ? "request" : "accepted";
    };
    // A new member sees the group from the message that added them.
    const fresh = { hiddenUpToSeq: seq - 1, lastReadSeq: seq - 1, role: "member", muted: false, leftAt: null, joinedAt: new Date() };
    const brandNew = newIds.filter((id) => !former.has(id));
    if (brandNew.length) {
      await tx.conversationMember.createMany({ data: brandNew.map((userId) => ({ conversationId, userId, state: stateOf(userId), ...fresh })) });
    }
    for (const state of ["request", "accepted"]) {
      const back = newIds.filter((id) => former.has(id) && stateOf(id) === state);
      if (back.length) await tx.conversationMember.updateMany({ where: { conversationId, userId: { in: back } }, data: { state, ...fresh } });
    }
  });
  const view = await announce(db, conversationId, message, newIds, [], actorId);
  return { conversation: view, message };
}

export async function removeMember(db: Db, { actorId, conversationId, targetId }: MemberAction): Promise<MembershipChange> {
  await consumeLimit("memberChange", actorId);
  if (targetId === actorId) return leaveConversation(db, actorId, conversationId);
  const { conversation, me } = await loadForMember(db, conversationId, actorId);
  if (conversation.kind !== "group") throw groupOnly();
  const target = conversation.members.find((m) => m.userId === targetId);
  if (!target) throw notFound("No such member");
  const mayRemove = me.role === "owner" || (me.role === "admin" && target.role === "member");
  if (!mayRemove) throw new DomainError("FORBIDDEN", "Only the group's creator and admins can remove members.");
  const message = await withSystemMessage(db, conversationId, actorId, { type: "member_removed", userId: targetId }, async (tx) => {
    await tx.conversationMember.update({ where: { conversationId_userId: { conversationId, userId: targetId } }, data: { leftAt: new Date(), role: "member" } });
  });
  const view = await announce(db, conversationId, message, [], [targetId], actorId);
  return { conversation: view, message };
}

/** Leaving a group; the owner's role passes to the longest-standing admin, else member. */
export async function leaveConversation(db: Db, userId: string, conversationId: string): Promise<MembershipChange> {
  const { conversation, me } = await loadForMember(db, conversationId, userId);
  if (conversation.kind !== "group") throw new DomainError("NOT_ALLOWED", "A 1:1 can be deleted, not left.");
  const heir = me.role === "owner" ? (conversation.members.find((m) => m.userId !== userId && m.role === "admin") ?? conversation.members.find((m) => m.userId !== userId)) : undefined;
  const message = await withSystemMessage(db, conversationId, userId, { type: "member_left", userId }, async (tx) => {
    await tx.conversationMember.update({ where: { conversationId_userId: { conversationId, userId } }, data: { leftAt: new Date(), role: "member" } });
    if (heir) await tx.conversationMember.update({ where: { conversationId_userId: { conversationId, userId: heir.userId } }, data: { role: "owner" } });
  });
  await announce(db, conversationId, message, [], [userId], userId);
  return { conversation: null, message };
}

/** The owner makes a member an admin, or an admin a member again. */
export async function setMemberRole(db: Db, { actorId, conversationId, targetId, role }: MemberAction & { role: "admin" | "member" }): Promise<ConversationView> {
  await consumeLimit("memberChange", actorId);
  const { conversation, me } = await loadForMember(db, conversationId, actorId);
  if (conversation.kind !== "group") throw groupOnly();
  if (me.role !== "owner") throw new DomainError("FORBIDDEN", "Only the group's creator can change roles.");
  const target = conversation.members.find((m) => m.userId === targetId);
  if (!target) throw notFound("No such member");
  if (target.role === "owner") throw new DomainError("FORBIDDEN", "The creator stays the creator.");
  const changed = target.role !== role;
  if (changed) {
    await db.conversationMember.update({ where: { conversationId_userId: { conversationId, userId: targetId } }, data: { role } });
    target.role = role;
  }
  const lastMessage = (await lastMessages(db, [conversation])).get(conversationId) ?? null;
  if (changed)
    pushConversation(
      "conversation:updated",
      conversation,
      lastMessage,
      conversation.members.map((m) => m.userId),
    );
  return toConversationView(conversation, actorId, lastMessage);
}
