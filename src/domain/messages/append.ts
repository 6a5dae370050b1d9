// Appending a message: the one write every message path goes through (DMs, groups,
// room topics, system messages). It is idempotent per (sender, clientId) and gives
// each message the next per-conversation seq in a database transaction, so that
// "persisted before acked" holds and a retry never duplicates. Concurrent appends
// share a transaction (group commit, see message-writer.ts); a message that must commit
// with other changes runs the same plan in the caller's transaction (append-in-tx.ts).
import type { Db } from "@/db/client";
import type { AppendOptions, AppendResult, NewMessage } from "./message-record";
import { writerFor } from "./message-writer";

export * from "./message-record";
export { appendInTx } from "./append-in-tx";

export async function appendMessage(db: Db, input: NewMessage, options: AppendOptions = {}): Promise<AppendResult> {
  // Uploads included: the batch re-checks under its lock that each is still the sender's and unattached.
  return writerFor(db).append(input, options.rateLimit ?? null, options.policyVersion ?? null);
}
