// Messages in a room's topics: the same body, idempotency and shape as conversations
// (appendMessage, toMessageView), with the room's rules on top: membership, time-outs,
// slow mode, and visuals that are always screened for nudity.
import type { Db } from "@/db/client";
import { DomainError, notFound, type RateLimitState } from "@/domain/errors";
import { events } from "@/domain/events";
import { appendMessage, findByClientId } from "@/domain/messages/append";
import { consumeLimit } from "@/domain/limits/consume";
import { acceptContent } from "@/domain/messages/content";
import { messageRateFor, sweepRateWindows } from "@/domain/messages/rate-limit";
import { messageInclude, toMessageView, type MessageView } from "@/domain/messages/view";
import { MESSAGE } from "@/shared/limits";
import type { MessageBody } from "@/shared/schemas/messages";
import { recordFanActivity } from "./admission";
import { activeTimeout, isStaff, requireActionOn, requireRoomMember, requireStaff, requireTopic } from "./access";
import { logModeration } from "./log";
import { roomChannel, personSelect, type PersonView } from "./view";

export type { RoomMessageEvent } from "@/shared/events";

export async function postRoomMessage(
  db: Db,
  /** origin: the connection the message came through (its ack carries it, so the push skips it). */
  input: { roomId: string; topicId: string; userId: string; body: MessageBody; origin?: string },
  now = new Date(),
): Promise<{ message: MessageView; created: boolean; rateLimit?: RateLimitState }> {
  const { room, role } = await requireRoomMember(db, input.roomId, input.userId, now);
  const topic = await requireTopic(db, input.roomId, input.topicId);
  const { body } = input;

  // A retry of a message already stored answers with the original, whatever changed since.
  const original = await findByClientId(db, input.userId, body.clientId);
  if (original) {
    if (original.conversationId !== topic.conversationId) throw new DomainError("VALIDATION_FAILED", "This clientId was used for another message.");
    return { message: original, created: false };
  }

  await refuseTimedOut(db, input.roomId, input.userId, now);

  // The one content rule of every send path; visuals are always screened in rooms (a
  // blocked one is deleted and nothing is delivered).
  const content = await acceptContent(db, {
    senderId: input.userId,
    conversationId: topic.conversationId,
    place: { conversationKind: "topic", opening: false, requestPending: false },
    body,
  });

  // Slow mode: one atomic claim of the member's "last post" slot, so two fast sends
  // cannot both pass. The creator and moderators are not slowed down.
  if (room.slowModeSeconds > 0 && !isStaff(role)) {
    const earliest = new Date(now.getTime() - room.slowModeSeconds * 1000);
    const claimed = await db.roomMember.updateMany({
      where: { roomId: input.roomId, userId: input.userId, OR: [{ lastPostAt: null }, { lastPostAt: { lte: earliest } }] },
      data: { lastPostAt: now },
    });
    if (claimed.count === 0) {
      const member = await db.roomMember.findUnique({ where: { roomId_userId: { roomId: input.roomId, userId: input.userId } } });
      const nextAt = (member?.lastPostAt?.getTime() ?? now.getTime()) + room.slowModeSeconds * 1000;
      const retryAfter = Math.max(1, Math.ceil((nextAt - now.getTime()) / 1000));
      throw new DomainError("SLOW_MODE", "Slow mode is on.", { retryAfter, details: { slowModeSeconds: room.slowModeSeconds } });
    }
  } else {
    await db.roomMember.update({ where: { roomId_userId: { roomId: input.roomId, userId: input.userId } }, data: { lastPostAt: now } });
  }

  const result = await appendMessage(
    db,
    {
      conversationId: topic.conversationId,
      senderId: input.userId,
      clientId: body.clientId,
      kind: content.kind,
      text: content.text,
      sharedPostId: content.sharedPostId,
      replyToId: content.replyToId,
      mediaIds: content.mediaIds,
    },
    { rateLimit: await messageRateFor(db, input.userId) },
  ); // the same per-user message rate limit as DMs (a bot's tier for bots)
  sweepRateWindows(db);
  if (result.created) {
    await recordFanActivity(db, room.creatorId, input.userId, now); // posting keeps a fan-club membership from lapsing
    events().toChannel<"room:message:new">(roomChannel(input.roomId), "room:message:new", { roomId: input.roomId, topicId: topic.id, message: result.message }, { except: input.origin });
  }
  return result;
}

/** A timed-out member neither posts nor reacts until the time-out ends. */
async function refuseTimedOut(db: Db, roomId: string, userId: string, now: Date): Promise<void> {
  const timeout = await activeTimeout(db, roomId, userId, now);
  if (!timeout) return;
  throw new DomainError("TIMED_OUT", "You are timed out in this room.", {
    retryAfter: Math.ceil((timeout.until.getTime() - now.getTime()) / 1000),
    details: { until: timeout.until.toISOString() },
  });
}

/** A page of a topic's messages in ascending seq: after a seq, before one, or the latest. */
export async function listTopicMessages(
  db: Db,
  input: { roomId: string; topicId: string; userId: string; after?: number; before?: number; limit?: number },
): Promise<{ messages: MessageView[]; authors: PersonView[]; hasMore: boolean }> {
  await requireRoomMember(db, input.roomId, input.userId);
  const topic = await requireTopic(db, input.roomId, input.topicId);
  const limit = Math.min(input.limit ?? MESSAGE.pageSizeDefault, MESSAGE.pageSizeMax);
  const seq = input.after !== undefined ? { gt: input.after, ...(input.before !== undefined ? { lt: input.before } : {}) } : input.before !== undefined ? { lt: input.before } : undefined;
  const ascending = input.after !== undefined;
  const rows = await db.message.findMany({
    where: { conversationId: topic.conversationId, ...(seq ? { seq } : {}) },
    orderBy: { seq: ascending ? "asc" : "desc" },
    take: limit + 1, // one more tells whether more follow in the paging direction
    include: messageInclude,
  });
  const hasMore = rows.length > limit;
  if (hasMore) rows.pop();
  if (!ascending) rows.reverse();
  const authorIds = [...new Set(rows.map((r) => r.senderId))];
  const authors = await db.user.findMany({ where: { id: { in: authorIds } }, select: personSelect });
  return { messages: rows.map(toMessageView), authors, hasMore };
}

/** The room message and its topic, or NOT_FOUND when it is not in this room. */
async function requireRoomMessage(db: Db, roomId: string, messageId: string) {
  const message = await db.message.findUnique({ where: { id: messageId }, include: { conversation: { include: { topic: true } } } });
  const topic = message?.conversation.topic;
  if (!message || !topic || topic.roomId !== roomId) throw notFound("No such message");
  return { message, topic };
}

/**
 * Deleting a message: its author, or the creator and moderators (a moderator not on
 * the creator's or another moderator's messages). Moderation deletes are logged.
 */
export async function deleteRoomMessage(db: Db, input: { roomId: string; messageId: string; userId: string; reason?: string }): Promise<MessageView> {
  const access = await requireRoomMember(db, input.roomId, input.userId);
  const { message, topic } = await requireRoomMessage(db, input.roomId, input.messageId);
  const own = message.senderId === input.userId;
  if (!own) {
    await requireStaff(db, input.roomId, input.userId);
    await requireActionOn(db, { room: { id: input.roomId, creatorId: access.room.creatorId }, actor: { id: input.userId, role: access.role }, targetId: message.senderId });
  }
  if (message.deletedAt) return toMessageView(await db.message.findUniqueOrThrow({ where: { id: message.id }, include: messageInclude }));
  const [row] = await db.$transaction([
    db.message.update({ where: { id: message.id }, data: { deletedAt: new Date() }, include: messageInclude }),
    db.reaction.deleteMany({ where: { messageId: message.id } }),
  ]);
  if (!own) {
    await logModeration(db, { roomId: input.roomId, actorId: input.userId, action: "delete_message", targetUserId: message.senderId, targetMessageId: message.id, reason: input.reason });
  }
  const view = toMessageView(row);
  events().toChannel(roomChannel(input.roomId), "room:message:deleted", { roomId: input.roomId, topicId: topic.id, messageId: message.id, message: view });
  return view;
}

/** One reaction per person per message: setting another emoji replaces it; null removes it. */
export async function reactToRoomMessage(db: Db, input: { roomId: string; messageId: string; userId: string; emoji: string | null }, now = new Date()): Promise<MessageView> {
  await requireRoomMember(db, input.roomId, input.userId, now);
  await refuseTimedOut(db, input.roomId, input.userId, now);
  await consumeLimit("reaction", input.userId); // one allowance for reactions in DMs and rooms
  const { message, topic } = await requireRoomMessage(db, input.roomId, input.messageId);
  if (message.deletedAt) throw notFound("No such message");
  const key = { messageId_userId: { messageId: message.id, userId: input.userId } };
  if (input.emoji === null) await db.reaction.deleteMany({ where: { messageId: message.id, userId: input.userId } });
  else await db.reaction.upsert({ where: key, create: { messageId: message.id, userId: input.userId, emoji: input.emoji }, update: { emoji: input.emoji } });
  const view = toMessageView(await db.message.findUniqueOrThrow({ where: { id: message.id }, include: messageInclude }));
  events().toChannel(roomChannel(input.roomId), "room:message:updated", { roomId: input.roomId, topicId: topic.id, message: view });
  return view;
}
