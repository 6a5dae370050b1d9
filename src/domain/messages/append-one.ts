// The single-message write: one transaction that takes the next seq and stores the
// message. The group-commit writer (message-writer.ts) uses it when a batch cannot be
// written as one.
import type { Db } from "@/db/client";
import { findByClientId, type AppendResult, type NewMessage } from "./append";
import { messageInclude, toMessageView } from "./view";

const isUniqueViolation = (e: unknown) => (e as { code?: string })?.code === "P2002";

export async function appendOneMessage(db: Db, input: NewMessage): Promise<AppendResult> {
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
