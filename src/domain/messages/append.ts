// Appending a message: the one write every message path goes through (DMs, groups,
// room topics, system messages). It is idempotent per (sender, clientId) and gives
// each message the next per-conversation seq in a database transaction, so that
// "persisted before acked" holds and a retry never duplicates. Concurrent appends
// share a transaction (group commit, see message-writer.ts).
import type { Db } from "@/db/client";
import type { MessageKind } from "@/shared/schemas/messages";
import { writerFor } from "./message-writer";
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

export async function findByClientId(db: Db, senderId: string, clientId: string): Promise<MessageView | null> {
  const row = await db.message.findUnique({ where: { senderId_clientId: { senderId, clientId } }, include: messageInclude });
  return row ? toMessageView(row) : null;
}

export function appendMessage(db: Db, input: NewMessage): Promise<AppendResult> {
  return writerFor(db).append(input);
}
