// Sharing a post: one message per recipient, each through the messaging use cases, so
// every rule (age, blocks, DM policy, requests, membership, rate limit) applies to each
// one. A refused recipient is reported with its code and does not stop the others.
import crypto from "node:crypto";
import type { Db } from "@/db/client";
import { startConversation } from "@/domain/conversations/start";
import { isDomainError, notFound } from "@/domain/errors";
import { sendMessage } from "@/domain/messages/send";
import { publicAccount } from "./privacy";
import type { MessageView } from "@/domain/messages/view";
import type { ErrorCode } from "@/shared/errors";
import { MESSAGE } from "@/shared/limits";
import type { SharePostInput, ShareRecipient } from "@/shared/schemas/platform";

/** A refusal carries its code; the route adds the message in the caller's language. */
export type ShareOutcome = { recipient: ShareRecipient; ok: true; conversationId: string; message: MessageView } | { recipient: ShareRecipient; ok: false; code: ErrorCode };

const keyOf = (r: ShareRecipient) => ("userId" in r ? `user:${r.userId}` : `conversation:${r.conversationId}`);

/**
 * Each recipient's message gets a client id derived from the share's own, so a retried
 * share returns the messages it sent the first time instead of sending them again.
 */
function recipientClientId(shareClientId: string, recipient: ShareRecipient): string {
  const digest = crypto
    .createHash("sha256")
    .update(`${shareClientId}\n${keyOf(recipient)}`)
    .digest("base64url");
  return `share:${digest}`.slice(0, MESSAGE.clientIdMax);
}

export async function sharePost(db: Db, senderId: string, postId: string, input: SharePostInput): Promise<ShareOutcome[]> {
  // A private account's posts stay with the people it follows back: never shared on.
  const post = await db.post.findFirst({ where: { id: postId, creator: publicAccount() }, select: { id: true } });
  if (!post) throw notFound("No such post");
  const shareClientId = input.clientId ?? crypto.randomUUID();
  const recipients = [...new Map(input.recipients.map((r) => [keyOf(r), r])).values()];
  const outcomes = new Map<string, ShareOutcome>();
  // One after the other: the sender's rate limit and each conversation's order stay simple.
  for (const recipient of recipients) {
    const message = { clientId: recipientClientId(shareClientId, recipient), sharedPostId: post.id, ...(input.note ? { text: input.note } : {}) };
    try {
      const sent =
        "userId" in recipient ? await startConversation(db, senderId, { kind: "direct", userId: recipient.userId, message }) : await sendMessage(db, senderId, recipient.conversationId, message);
      outcomes.set(keyOf(recipient), { recipient, ok: true, conversationId: sent.message.conversationId, message: sent.message });
    } catch (e) {
      if (!isDomainError(e)) throw e;
      outcomes.set(keyOf(recipient), { recipient, ok: false, code: e.code });
    }
  }
  // One result per recipient as given (a repeated recipient was sent one message).
  return input.recipients.map((r) => outcomes.get(keyOf(r))!);
}
