// Sending a message into an existing direct or group conversation: the hot path.
//
// Round trips, in order: (1) the conversation with its active members (raw SQL);
// (2) the gate of a 1:1 (blocks, and follows while it is a request) and the content
// checks (post, quoted message, uploads), in parallel; (3) the group commit: retries
// answered with the original, rate limit, seq, insert, the sender's read position, in
// one transaction shared with the messages sent meanwhile. Then the pushes.
import type { Db } from "@/db/client";
import { ageRestricted, assertDmAge, requireDmUser } from "@/domain/conversations/access";
import { pushConversation } from "@/domain/conversations/notify";
import { pushMessageTo, seesSeq } from "@/domain/conversations/visibility";
import { directSendPermission } from "@/domain/conversations/permissions";
import { isVisibleTo, loadConversation, type ConversationRow, type MemberRow } from "@/domain/conversations/view";
import { DomainError, isDomainError, notFound } from "@/domain/errors";
import { ageOf } from "@/domain/accounts/view";
import { AGE, VISUALS } from "@/shared/limits";
import type { MessageBody, MessageKind } from "@/shared/schemas/messages";
import { appendMessage, findByClientId } from "./append";
import { checkVisualsBeforeSend } from "./hooks";
import { consumeRate, MESSAGE_RATE, sweepRateWindows } from "./rate-limit";
import type { MessageView } from "./view";

export interface SendResult {
  message: MessageView;
  /** false: this clientId was sent before and the original is returned (HTTP 200, nothing pushed). */
  created: boolean;
}

export interface Classified {
  kind: Exclude<MessageKind, "system">;
  text: string | null;
  sharedPostId: string | null;
  mediaIds: string[];
  replyToId: string | null;
}

/**
 * Which kind a body makes: voiceNoteId → voice (alone); mediaIds → visual (text is the
 * caption); sharedPostId → post (text is a note with it); otherwise text.
 */
export function classify(body: MessageBody): Classified {
  const text = body.text !== undefined && body.text.trim() !== "" ? body.text : null;
  const replyToId = body.replyToId ?? null;
  if (body.voiceNoteId) {
    if (text || body.sharedPostId || body.mediaIds?.length) {
      throw new DomainError("VALIDATION_FAILED", "A voice note is a message of its own.");
    }
    return { kind: "voice", text: null, sharedPostId: null, mediaIds: [body.voiceNoteId], replyToId };
  }
  if (body.mediaIds?.length) {
    if (body.sharedPostId) throw new DomainError("VALIDATION_FAILED", "Send a post and photos as separate messages.");
    if (body.mediaIds.length > VISUALS.maxPerMessage) throw new DomainError("TOO_MANY_VISUALS", `At most ${VISUALS.maxPerMessage} photos and videos`);
    if (new Set(body.mediaIds).size !== body.mediaIds.length) throw new DomainError("VALIDATION_FAILED", "The same upload twice.");
    return { kind: "visual", text, sharedPostId: null, mediaIds: body.mediaIds, replyToId };
  }
  if (body.sharedPostId) return { kind: "post", text, sharedPostId: body.sharedPostId, mediaIds: [], replyToId };
  if (!text) throw new DomainError("VALIDATION_FAILED", "A message needs some content.");
  return { kind: "text", text, sharedPostId: null, mediaIds: [], replyToId };
}

export const isMediaKind = (kind: MessageKind) => kind === "visual" || kind === "voice";

export const mediaFirst = () => new DomainError("MEDIA_FIRST_NOT_ALLOWED", "A conversation starts with a message or a shared post.", { details: { reason: "first_message" } });
export const mediaInRequest = () =>
  new DomainError("MEDIA_FIRST_NOT_ALLOWED", "Photos, videos and voice notes can follow once they accept your request.", { details: { reason: "request_pending" } });

/** Checks what a message refers to; returns the uploads to attach (for the safety hook). */
export async function checkContent(
  db: Db,
  senderId: string,
  conversationId: string | null,
  message: Classified,
  hiddenUpToSeq = 0,
): Promise<{ id: string; kind: string; nudityScores: unknown }[]> {
  const [post, replyTo, media] = await Promise.all([
    message.sharedPostId ? db.post.findUnique({ where: { id: message.sharedPostId }, select: { id: true } }) : null,
    message.replyToId && conversationId
      ? db.message.findUnique({ where: { id: message.replyToId }, select: { conversationId: true, seq: true } })
      : null,
    message.mediaIds.length
      ? db.media.findMany({
          where: { id: { in: message.mediaIds } },
          select: { id: true, ownerId: true, conversationId: true, messageId: true, kind: true, nudityScores: true },
        })
      : [],
  ]);
  if (message.sharedPostId && !post) throw notFound("No such post");
  if (message.replyToId && (!replyTo || replyTo.conversationId !== conversationId || !seesSeq({ hiddenUpToSeq }, replyTo.seq))) {
    throw notFound("No such message to reply to");
  }
  const byId = new Map(media.map((m) => [m.id, m]));
  const wantedKinds = message.kind === "voice" ? ["voice"] : ["image", "video"];
  const ordered = message.mediaIds.map((id) => byId.get(id));
  for (const m of ordered) {
    // Not yours, another conversation's, already sent, or the wrong kind: all the same 404.
    if (!m || m.ownerId !== senderId || m.conversationId !== conversationId || m.messageId || !wantedKinds.includes(m.kind)) {
      throw notFound("No such upload");
    }
  }
  return ordered.map((m) => ({ id: m!.id, kind: m!.kind, nudityScores: m!.nudityScores }));
}

/** Counts the message against the sender's rate limit, inside its transaction. */
export const rateLimited = (senderId: string) => async (db: Db) => consumeRate(db, senderId);

export async function sendMessage(db: Db, senderId: string, conversationId: string, body: MessageBody): Promise<SendResult> {
  try {
    const conversation = await loadConversation(db, conversationId);
    const me = conversation?.members.find((m) => m.userId === senderId);
    if (!conversation || !me || (conversation.kind !== "direct" && conversation.kind !== "group")) {
      await requireDmUser(db, senderId);
      throw notFound("No such conversation");
    }
    return await sendLoaded(db, conversation, me, body);
  } catch (e) {
    // A retry of a message stored before answers with the original, whatever changed since
    // (the writer dedupes retries that pass the checks; this covers those that no longer do).
    if (!isDomainError(e) || e.code === "RATE_LIMITED") throw e;
    const original = await findByClientId(db, senderId, body.clientId);
    if (original) return { message: original, created: false };
    throw e;
  }
}

/** sendMessage once the conversation and the sender's membership are loaded (also used to reuse a 1:1). */
export async function sendLoaded(db: Db, conversation: ConversationRow, me: MemberRow, body: MessageBody): Promise<SendResult> {
  assertDmAge(me.user);
  const message = classify(body);
  const others = conversation.members.filter((m) => m.userId !== me.userId);

  if (isMediaKind(message.kind) && conversation.lastSeq === 0) throw mediaFirst();
  let gate: Promise<unknown> = Promise.resolve();
  if (conversation.kind === "direct") {
    const other = others[0];
    if (!other) throw new DomainError("NOT_ALLOWED", "This conversation has ended.");
    // Until the recipient accepts (or replies), the sender sends text and posts only.
    if (isMediaKind(message.kind) && other.state === "request") throw mediaInRequest();
    gate = directSendPermission(db, me.user, { ...other.user, accepted: other.state !== "request" }).then((p) => {
      if (!p.allowed) throw new DomainError(p.code, "You can't message this person.");
    });
  } else if (others.some((o) => !o.leftAt && isUnder16(o))) {
    throw ageRestricted(); // cannot happen through the API (ages only grow); kept as a last line
  }
  const [, media] = await Promise.all([gate, checkContent(db, me.userId, conversation.id, message, me.hiddenUpToSeq)]);
  if (message.kind === "visual") {
    await checkVisualsBeforeSend(db, {
      senderId: me.userId,
      conversationId: conversation.id,
      conversationKind: conversation.kind as "direct" | "group",
      sender: me.user,
      recipients: others.map((o) => o.user),
      media,
    });
  }

  const result = await appendMessage(
    db,
    {
      conversationId: conversation.id,
      senderId: me.userId,
      clientId: body.clientId,
      kind: message.kind,
      text: message.text,
      sharedPostId: message.sharedPostId,
      replyToId: message.replyToId,
      mediaIds: message.mediaIds,
    },
    { rateLimit: MESSAGE_RATE },
  );
  sweepRateWindows(db);
  if (result.created) announceMessage(conversation, me.userId, result.message);
  return result;
}

const isUnder16 = (m: MemberRow) => ageOf(m.user) < AGE.minimumForDMs;

/**
 * The pushes after a new message: conversation:new to members who had deleted the
 * conversation (it is back in their inbox), conversation:updated to everyone when the
 * sender's reply accepted a request, then message:new to every active member.
 */
export function announceMessage(before: ConversationRow, senderId: string, message: MessageView): void {
  const after: ConversationRow = {
    ...before,
    lastSeq: Math.max(before.lastSeq, message.seq),
    lastMessageAt: new Date(message.createdAt),
    members: before.members.map((m) => (m.userId === senderId ? { ...m, lastReadSeq: message.seq, state: "accepted" } : m)),
  };
  const memberIds = after.members.map((m) => m.userId);
  const reappeared = before.members.filter((m) => !isVisibleTo(before, m)).map((m) => m.userId);
  if (reappeared.length) pushConversation("conversation:new", after, message, reappeared);
  const sender = before.members.find((m) => m.userId === senderId);
  if (sender?.state === "request") {
    pushConversation("conversation:updated", after, message, memberIds.filter((id) => !reappeared.includes(id)));
  }
  pushMessageTo("message:new", after.members, message);
}
