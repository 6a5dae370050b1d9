// What a stored message is and how a retry is recognised: the pieces every write path
// shares (the group-commit writer, the single-message transaction, system messages).
import crypto from "node:crypto";
import type { Db } from "@/db/client";
import { DomainError, notFound } from "@/domain/errors";
import type { Prisma } from "@/generated/sqlite/client";
import type { MessageKind } from "@/shared/schemas/messages";
import type { RateLimitRule } from "./rate-limit";
import { messageInclude, toMessageView, type MessageView } from "./view";

export interface NewMessage {
  conversationId: string;
  senderId: string;
  clientId: string;
  kind: MessageKind;
  text?: string | null;
  sharedPostId?: string | null;
  replyToId?: string | null;
  systemEvent?: unknown;
  /** Uploaded media (owned by the sender, not yet attached) to attach in this order. */
  mediaIds?: string[];
}

export type Tx = Prisma.TransactionClient;

export interface AppendOptions {
  /** Counts the message against this rate limit, and refuses it over the limit. A retry that returns the original does not count. */
  rateLimit?: RateLimitRule;
}

export interface AppendResult {
  message: MessageView;
  /** false when this (sender, clientId) had been stored before: the original is returned. */
  created: boolean;
}

/** A client id for messages the server makes (system messages). */
export const serverClientId = () => `server:${crypto.randomUUID()}`;

/**
 * A retry must be the same message: a clientId stored before for another conversation or
 * another body is refused (409 CLIENT_ID_REUSED) rather than answered with the old message,
 * which would lose the new one behind a success. An edited or unsent original is compared by
 * conversation and kind only.
 */
export function assertSameMessage(input: NewMessage, original: MessageView): void {
  const sameText = original.editedAt || original.deletedAt || (original.text ?? null) === (input.text ?? null);
  if (original.conversationId !== input.conversationId || original.kind !== input.kind || !sameText) {
    throw clientIdReused();
  }
}

export const clientIdReused = () => new DomainError("CLIENT_ID_REUSED", "This clientId belongs to another message.");

export async function findByClientId(db: Db | Tx, senderId: string, clientId: string): Promise<MessageView | null> {
  const row = await db.message.findUnique({ where: { senderId_clientId: { senderId, clientId } }, include: messageInclude });
  return row ? toMessageView(row) : null;
}

/**
 * The write itself, inside a transaction the caller owns: takes the next seq, stores the
 * message, attaches its media and marks the sender as having read up to it (sending
 * reads the conversation, and replying to a request accepts it). The conversation row
 * is locked first, so every transaction that appends takes its locks in the same order.
 */
export async function insertMessageTx(tx: Tx, input: NewMessage, now: Date = new Date()): Promise<{ id: string; seq: number; view: MessageView }> {
  // The increment takes the conversation row's write lock (PostgreSQL) or the
  // database write lock (SQLite): seqs are gap-free and strictly ordered.
  const { lastSeq } = await tx.conversation.update({
    where: { id: input.conversationId },
    data: { lastSeq: { increment: 1 }, lastMessageAt: now },
    select: { lastSeq: true },
  });
  let row = await tx.message.create({
    data: {
      conversationId: input.conversationId,
      senderId: input.senderId,
      clientId: input.clientId,
      seq: lastSeq,
      kind: input.kind,
      text: input.text ?? null,
      sharedPostId: input.sharedPostId ?? null,
      replyToId: input.replyToId ?? null,
      systemEvent: (input.systemEvent ?? undefined) as never,
      createdAt: now,
    },
    include: messageInclude,
  });
  const mediaIds = input.mediaIds ?? [];
  for (const [position, id] of mediaIds.entries()) {
    const { count } = await tx.media.updateMany({
      where: { id, ownerId: input.senderId, conversationId: input.conversationId, messageId: null },
      data: { messageId: row.id, position },
    });
    if (count !== 1) throw notFound("No such upload");
  }
  if (mediaIds.length) row = await tx.message.findUniqueOrThrow({ where: { id: row.id }, include: messageInclude });
  await tx.conversationMember.updateMany({
    where: { conversationId: input.conversationId, userId: input.senderId },
    data: { lastReadSeq: lastSeq, state: "accepted" },
  });
  return { id: row.id, seq: lastSeq, view: toMessageView(row) };
}
