// Appending a message: the one write every message path goes through (DMs, groups,
// room topics, system messages). It is idempotent per (sender, clientId) and gives
// each message the next per-conversation seq, in one database transaction, so that
// "persisted before acked" holds and a retry never duplicates.
import type { Db } from "@/db/client";
import type { MessageKind } from "@/shared/schemas/messages";
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

export interface AppendResult {
  message: MessageView;
  /** false when this (sender, clientId) had been stored before: the original is returned. */
  created: boolean;
}

const isUniqueViolation = (e: unknown) => (e as { code?: string })?.code === "P2002";

export async function findByClientId(db: Db, senderId: string, clientId: string): Promise<MessageView | null> {
  const row = await db.message.findUnique({ where: { senderId_clientId: { senderId, clientId } }, include: messageInclude });
  return row ? toMessageView(row) : null;
}

export async function appendMessage(db: Db, input: NewMessage): Promise<AppendResult> {
  const existing = await findByClientId(db, input.senderId, input.clientId);
  if (existing) return { message: existing, created: false };
  try {
    const row = await db.$transaction(async (tx) => {
      // The increment takes the conversation row's write lock (PostgreSQL) or the
      // database write lock (SQLite): seqs are gap-free and strictly ordered.
      const { lastSeq } = await tx.conversation.update({
        where: { id: input.conversationId },
        data: { lastSeq: { increment: 1 }, lastMessageAt: new Date() },
        select: { lastSeq: true },
      });
      const message = await tx.message.create({
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
        },
      });
      for (const [position, id] of (input.mediaIds ?? []).entries()) {
        await tx.media.update({ where: { id }, data: { messageId: message.id, position } });
      }
      return tx.message.findUniqueOrThrow({ where: { id: message.id }, include: messageInclude });
    });
    return { message: toMessageView(row), created: true };
  } catch (e) {
    // A concurrent retry with the same clientId won the race: return its message.
    if (isUniqueViolation(e)) {
      const original = await findByClientId(db, input.senderId, input.clientId);
      if (original) return { message: original, created: false };
    }
    throw e;
  }
}
