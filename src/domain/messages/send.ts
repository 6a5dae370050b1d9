// Sending a message into an existing direct or group conversation: the hot path.
//
// Round trips, in order: (1) the conversation with its active members (raw SQL);
// (2) the gate of a 1:1 (blocks, and follows while it is a request) and the content
// rule's lookups (post, quoted message, uploads), in parallel, then the screening of visuals; (3) the group commit: retries
// answered with the original, rate limit, seq, insert, the sender's read position, in
// one transaction shared with the messages sent meanwhile. Then the pushes.
import type { Db } from "@/db/client";
import { ageRestricted, assertDmAge, requireDmUser } from "@/domain/conversations/access";
import { pushConversation } from "@/domain/conversations/notify";
import { pushMessageTo } from "@/domain/conversations/visibility";
import { directSendPermission } from "@/domain/conversations/permissions";
import { isVisibleTo, loadConversation, type ConversationRow, type MemberRow } from "@/domain/conversations/view";
import { DomainError, isDomainError, notFound, type RateLimitState } from "@/domain/errors";
import { ageOf } from "@/domain/accounts/view";
import { resetLimit } from "@/domain/limits/consume";
import { AGE } from "@/shared/limits";
import type { MessageBody } from "@/shared/schemas/messages";
import { appendMessage, clientIdReused, findByClientId } from "./append";
import { acceptContent } from "./content";
import { consumeRate, messageRateFor, messageRateOf, sweepRateWindows } from "./rate-limit";
import type { MessageView } from "./view";

export interface SendResult {
  message: MessageView;
  /** false: this clientId was sent before and the original is returned (HTTP 200, nothing pushed). */
  created: boolean;
  /** The sender's message rate limit after this one (RateLimit header fields), when it was counted. */
  rateLimit?: RateLimitState;
}

/** Counts the message against the sender's rate limit, inside its transaction. */
export const rateLimited = (senderId: string) => async (db: Db) => consumeRate(db, senderId, await messageRateFor(db, senderId));

export async function sendMessage(db: Db, senderId: string, conversationId: string, body: MessageBody): Promise<SendResult> {
  try {
    const conversation = await loadConversation(db, conversationId);
    const me = conversation?.members.find((m) => m.userId === senderId);
    if (!conversation || !me || (conversation.kind !== "direct" && conversation.kind !== "group")) {
      await requireDmUser(db, senderId);
      throw notFound("No such conversation");
    }
    const result = await sendLoaded(db, conversation, me, body);
    // The message ends the sender's typing (clients clear it when it lands): typing again
    // right after is relayed at once, not held back by the last spell's window.
    if (result.created) await resetLimit("typing", `${senderId}:${conversationId}`);
    return result;
  } catch (e) {
    // A retry of a message stored before answers with the original, whatever changed since
    // (the writer dedupes retries that pass the checks; this covers those that no longer do).
    if (!isDomainError(e) || e.code === "RATE_LIMITED" || e.code === "CLIENT_ID_REUSED") throw e;
    const original = await findByClientId(db, senderId, body.clientId);
    if (original) {
      if (original.conversationId !== conversationId) throw clientIdReused();
      return { message: original, created: false };
    }
    throw e;
  }
}

/** sendMessage once the conversation and the sender's membership are loaded (also used to reuse a 1:1). */
export async function sendLoaded(db: Db, conversation: ConversationRow, me: MemberRow, body: MessageBody): Promise<SendResult> {
  assertDmAge(me.user);
  const others = conversation.members.filter((m) => m.userId !== me.userId);
  const other = conversation.kind === "direct" ? others[0] : undefined;
  if (conversation.kind === "direct" && !other) throw new DomainError("NOT_ALLOWED", "This conversation has ended.");
  if (conversation.kind === "group" && others.some((o) => !o.leftAt && isUnder16(o))) {
    throw ageRestricted(); // cannot happen through the API (ages only grow); kept as a last line
  }
  const message = await acceptContent(db, {
    senderId: me.userId,
    conversationId: conversation.id,
    // Until the recipient of a 1:1 accepts (or replies), the sender sends text and posts only.
    place: { conversationKind: conversation.kind as "direct" | "group", opening: conversation.lastSeq === 0, requestPending: other?.state === "request" },
    body,
    visibleAfterSeq: me.hiddenUpToSeq,
    audience: { sender: me.user, recipients: others.map((o) => o.user) },
    gate: other
      ? async () => {
          const p = await directSendPermission(db, me.user, { ...other.user, accepted: other.state !== "request" });
          if (!p.allowed) throw new DomainError(p.code, "You can't message this person.");
        }
      : undefined,
  });

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
    { rateLimit: messageRateOf(me.user) },
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
    pushConversation(
      "conversation:updated",
      after,
      message,
      memberIds.filter((id) => !reappeared.includes(id)),
    );
  }
  pushMessageTo("message:new", after.members, message);
}
