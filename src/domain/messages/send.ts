// Sending a message into an existing direct or group conversation: the hot path.
//
// Round trips, in order: (1) the conversation with its active members and, in a 1:1, the
// blocks and follows between the two: from this node's cache when a send read them before
// (conversations/send-context.ts), else two raw queries; (2) the content rule's lookups
// (post, quoted message, uploads), then the screening of visuals; (3) the group commit:
// retries answered with the original, rate limit, the policy version the checks read
// compared under the conversation's lock, seq, insert, the sender's read position, in one
// transaction shared with the messages sent meanwhile. Then the pushes.
import type { Db } from "@/db/client";
import { ageRestricted, assertDmAge, requireDmUser } from "@/domain/conversations/access";
import { pushConversation } from "@/domain/conversations/notify";
import { pushMessageTo } from "@/domain/conversations/visibility";
import { directSendPermission, type PairRelation } from "@/domain/conversations/permissions";
import { isVisibleTo, loadConversation, type ConversationRow, type MemberRow } from "@/domain/conversations/view";
import { sendContexts } from "@/domain/conversations/send-context";
import { DomainError, isDomainError, notFound, type RateLimitState } from "@/domain/errors";
import { ageOf } from "@/domain/accounts/view";
import { resetLimit } from "@/domain/limits/consume";
import { AGE } from "@/shared/limits";
import type { MessageBody } from "@/shared/schemas/messages";
import { appendMessage, clientIdReused, findByClientId, isStalePolicyError } from "./append";
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

/** How a send arrived: `origin`, the connection it came through (its ack carries the message, so message:new skips it). */
export interface SendOrigin {
  origin?: string;
}

export async function sendMessage(db: Db, senderId: string, conversationId: string, body: MessageBody, { origin }: SendOrigin = {}): Promise<SendResult> {
  const contexts = sendContexts(db);
  // Visuals and voice notes are checked on fresh rows: screening one deletes it when it is
  // refused, so it must never be refused on a stale audience (and it costs far more than the read).
  const withMedia = !!(body.mediaIds?.length || body.voiceNoteId);
  try {
    // The node's cached context first; fresh rows when it was stale, or before refusing on it.
    for (let attempt = 0; ; attempt++) {
      const context = await contexts.get(db, conversationId, { fresh: withMedia || attempt > 0 });
      const conversation = context?.conversation;
      const me = conversation?.members.find((m) => m.userId === senderId);
      if (!context || !conversation || !me || (conversation.kind !== "direct" && conversation.kind !== "group")) {
        if (context?.cached) continue;
        await requireDmUser(db, senderId);
        throw notFound("No such conversation");
      }
      let checked: CheckedSend;
      try {
        checked = await checkSend(db, conversation, me, body, context.relations);
      } catch (e) {
        if (context.cached && isDomainError(e)) continue;
        throw e;
      }
      let result: SendResult;
      try {
        // Fenced either way: a change committed since the read (cached or not) is seen.
        result = await writeSend(db, checked, { policyVersion: conversation.policyVersion, fresh: !context.cached, origin });
      } catch (e) {
        if (isStalePolicyError(e) && attempt < MAX_STALE_RETRIES) continue;
        throw e;
      }
      // The message ends the sender's typing (clients clear it when it lands): typing again
      // right after is relayed at once, not held back by the last spell's window.
      if (result.created) await resetLimit("typing", `${senderId}:${conversationId}`);
      return result;
    }
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

/** A send whose policy version moved while it was checked is checked again; this often in a row means something is wrong. */
const MAX_STALE_RETRIES = 3;

/** sendMessage once the conversation and the sender's membership are loaded from the database (also used to reuse a 1:1). */
export async function sendLoaded(db: Db, conversation: ConversationRow, me: MemberRow, body: MessageBody): Promise<SendResult> {
  return writeSend(db, await checkSend(db, conversation, me, body), { fresh: true });
}

interface CheckedSend {
  conversation: ConversationRow;
  me: MemberRow;
  body: MessageBody;
  message: Awaited<ReturnType<typeof acceptContent>>;
}

/** The rules a message must pass before it is written: the sender's age, a 1:1's gate, the content rule. */
async function checkSend(db: Db, conversation: ConversationRow, me: MemberRow, body: MessageBody, relations?: PairRelation[] | null): Promise<CheckedSend> {
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
          const p = await directSendPermission(db, me.user, { ...other.user, accepted: other.state !== "request" }, new Date(), relations ?? undefined);
          if (!p.allowed) throw new DomainError(p.code, "You can't message this person.");
        }
      : undefined,
  });
  return { conversation, me, body, message };
}

/**
 * Writes a checked message and pushes it. `policyVersion`: the checks read a cached context
 * of that version (StalePolicyError if it moved); `fresh`: they read the database just now.
 */
async function writeSend(db: Db, { conversation, me, body, message }: CheckedSend, options: { policyVersion?: number; fresh: boolean; origin?: string }): Promise<SendResult> {
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
    { rateLimit: messageRateOf(me.user), policyVersion: options.policyVersion },
  );
  sweepRateWindows(db);
  if (result.created) {
    sendContexts(db).appended(conversation.id, result.message.seq);
    // Members and their states are current (the version held); the conversation's counters
    // are as of the message: it follows seq - 1.
    const before: ConversationRow = { ...conversation, lastSeq: result.message.seq - 1 };
    // The rare pushes that carry whole conversation views want read positions a cache does not keep.
    const needsViews = !options.fresh && (before.members.some((m) => !isVisibleTo(before, m)) || me.state === "request");
    announceMessage(before, me.userId, result.message, needsViews ? ((await loadConversation(db, conversation.id)) ?? undefined) : undefined, options.origin);
  }
  return result;
}

const isUnder16 = (m: MemberRow) => ageOf(m.user) < AGE.minimumForDMs;

/**
 * The pushes after a new message (`current`: the conversation as read after it, for the views): conversation:new to members who had deleted the
 * conversation (it is back in their inbox), conversation:updated to everyone when the
 * sender's reply accepted a request, then message:new to every active member but the
 * connection the message came through (`origin`: its ack carries the message).
 */
export function announceMessage(before: ConversationRow, senderId: string, message: MessageView, current?: ConversationRow, origin?: string): void {
  const after: ConversationRow = current ?? {
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
  pushMessageTo("message:new", after.members, message, { except: origin });
}
