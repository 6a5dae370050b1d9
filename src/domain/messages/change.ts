// Changing a message after it was sent: edit (own text, within 15 minutes), unsend
// (own, any time, for everyone), and reactions (one emoji per person per message).
// Each change is pushed to every active member as message:updated.
import type { Db } from "@/db/client";
import { loadForMember, requireDmUser } from "@/domain/conversations/access";
import { messageFor, pushMessageTo, seesSeq, type Viewer } from "@/domain/conversations/visibility";
import { DomainError, notFound } from "@/domain/errors";
import { consumeLimit } from "@/domain/limits/consume";
import { MESSAGE } from "@/shared/limits";
import { messageInclude, toMessageView, type MessageView } from "./view";

async function loadMessageForMember(db: Db, userId: string, messageId: string) {
  const message = await db.message.findUnique({
    where: { id: messageId },
    select: { id: true, conversationId: true, senderId: true, kind: true, seq: true, text: true, createdAt: true, deletedAt: true },
  });
  if (!message) {
    await requireDmUser(db, userId);
    throw notFound("No such message");
  }
  const { conversation, me } = await loadForMember(db, message.conversationId, userId);
  if (!seesSeq(me, message.seq)) throw notFound("No such message"); // before they joined: as if it did not exist
  return { message, conversation, me };
}

/** In a 1:1, a block either way stops edits and reactions as it stops messages. */
export async function assertNotBlocked(db: Db, conversation: { kind: string; members: { userId: string }[] }, userId: string) {
  if (conversation.kind !== "direct") return;
  const other = conversation.members.find((m) => m.userId !== userId)?.userId;
  if (!other) return;
  const block = await db.userBlock.findFirst({
    where: {
      OR: [
        { blockerId: userId, blockedId: other },
        { blockerId: other, blockedId: userId },
      ],
    },
    select: { blockerId: true },
  });
  if (block) throw new DomainError("BLOCKED", "You can't message this person.");
}

const loadView = async (db: Db, messageId: string) => toMessageView(await db.message.findUniqueOrThrow({ where: { id: messageId }, include: messageInclude }));

/** The message as the caller sees it now (a reply to a message from before they joined quotes nothing). */
async function reload(db: Db, messageId: string, me: Viewer): Promise<MessageView> {
  return messageFor(me, await loadView(db, messageId))!;
}

/** The change goes to the members who can see the message, each as they see it. */
async function reloadAndPush(db: Db, messageId: string, members: readonly Viewer[], me: Viewer): Promise<MessageView> {
  const view = await loadView(db, messageId);
  pushMessageTo("message:updated", members, view);
  return messageFor(me, view)!;
}

export async function editMessage(db: Db, userId: string, messageId: string, text: string, now = new Date()): Promise<MessageView> {
  await consumeLimit("edit", userId);
  const { message, conversation, me } = await loadMessageForMember(db, userId, messageId);
  if (message.senderId !== userId) throw new DomainError("FORBIDDEN", "You can only edit your own messages.");
  if (message.deletedAt || message.kind !== "text") throw new DomainError("NOT_ALLOWED", "Only text messages can be edited.");
  if (now.getTime() - message.createdAt.getTime() > MESSAGE.editWindowMs) throw new DomainError("EDIT_WINDOW_CLOSED", "Too late to edit");
  await assertNotBlocked(db, conversation, userId);
  if (text === message.text) return reload(db, messageId, me);
  await db.message.update({ where: { id: messageId }, data: { text, editedAt: now } });
  return reloadAndPush(db, messageId, conversation.members, me);
}

/** Unsend for everyone: the text and reactions are erased; the message keeps its seq ("message unsent"). */
export async function unsendMessage(db: Db, userId: string, messageId: string, now = new Date()): Promise<MessageView> {
  await consumeLimit("unsend", userId);
  const { message, conversation, me } = await loadMessageForMember(db, userId, messageId);
  if (message.senderId !== userId) throw new DomainError("FORBIDDEN", "You can only unsend your own messages.");
  if (message.kind === "system") throw new DomainError("NOT_ALLOWED", "System messages stay.");
  if (message.deletedAt) return reload(db, messageId, me);
  await db.$transaction([db.message.update({ where: { id: messageId }, data: { deletedAt: now, text: null } }), db.reaction.deleteMany({ where: { messageId } })]);
  return reloadAndPush(db, messageId, conversation.members, me);
}

/** Sets (or replaces) the caller's reaction; `emoji: null` removes it. */
export async function reactToMessage(db: Db, userId: string, messageId: string, emoji: string | null): Promise<MessageView> {
  await consumeLimit("reaction", userId);
  const { message, conversation, me } = await loadMessageForMember(db, userId, messageId);
  if (message.deletedAt || message.kind === "system") throw new DomainError("NOT_ALLOWED", "This message takes no reactions.");
  await assertNotBlocked(db, conversation, userId);
  if (emoji === null) {
    const { count } = await db.reaction.deleteMany({ where: { messageId, userId } });
    if (count === 0) return reload(db, messageId, me);
  } else {
    const current = await db.reaction.findUnique({ where: { messageId_userId: { messageId, userId } }, select: { emoji: true } });
    if (current?.emoji === emoji) return reload(db, messageId, me);
    await db.reaction.upsert({
      where: { messageId_userId: { messageId, userId } },
      create: { messageId, userId, emoji },
      update: { emoji, createdAt: new Date() },
    });
  }
  return reloadAndPush(db, messageId, conversation.members, me);
}
