// Appending a message: the one write every message path goes through (DMs, groups,
// room topics, system messages). It is idempotent per (sender, clientId) and gives
// each message the next per-conversation seq in a database transaction, so that
// "persisted before acked" holds and a retry never duplicates. Concurrent appends
// share a transaction (group commit, see message-writer.ts).
import type { Db } from "@/db/client";
import { appendOneMessage } from "./append-one";
import type { AppendOptions, AppendResult, NewMessage } from "./message-record";
import { writerFor } from "./message-writer";

export * from "./message-record";

export async function appendMessage(db: Db, input: NewMessage, options: AppendOptions = {}): Promise<AppendResult> {
  // A message with uploads gets a transaction of its own, which re-checks under the
  // write lock that each upload is still the sender's and unattached.
  if (input.mediaIds?.length) return appendOneMessage(db, input, options.rateLimit ?? null);
  return writerFor(db).append(input, options.rateLimit ?? null);
}
