// Messages written inside a transaction the caller owns: a conversation's first message
// with the conversation, a system message with the membership change it reports. The
// same plan as the group-commit writer (batch-plan.ts), run through that transaction, so
// both commit together or not at all, with the writer's ids, seqs and read positions.
import type { Flavor } from "@/db/client";
import { runPlanInTx } from "@/db/raw";
import { writeBatch } from "./batch-plan";
import { StalePolicyError, type AppendResult, type NewMessage, type Tx } from "./message-record";
import { needsReadBack, newMessageView, planMessage } from "./new-message";
import { messageInclude, toMessageView } from "./view";

export interface AppendedInTx extends AppendResult {
  /** The message's seq (the original's, when it had been stored before). */
  seq: number;
}

/**
 * Writes the messages (distinct (sender, clientId) pairs) in order. One stored before under
 * its clientId is answered with the original (created: false); the caller decides whether
 * that rolls its transaction back. A refusal (no such conversation or upload) throws.
 */
export async function appendInTx(tx: Tx, flavor: Flavor, inputs: NewMessage[]): Promise<AppendedInTx[]> {
  const createdAt = new Date();
  const planned = inputs.map((input) => planMessage(input, createdAt));
  const outcomes = await runPlanInTx(tx, flavor, writeBatch(flavor, planned));
  const readBack = outcomes.flatMap((o, i) => (o.status === "stored" ? [o.id] : o.status === "created" && needsReadBack(planned[i]) ? [planned[i].id] : []));
  const rows = readBack.length ? await tx.message.findMany({ where: { id: { in: readBack } }, include: messageInclude }) : [];
  const views = new Map(rows.map((r) => [r.id, toMessageView(r)]));
  return outcomes.map((outcome, i) => {
    if (outcome.status === "refused") throw outcome.error;
    if (outcome.status === "stale") throw new StalePolicyError(); // not planned with a version: cannot happen
    if (outcome.status === "stored") {
      const message = views.get(outcome.id)!;
      return { message, created: false, seq: message.seq };
    }
    return { message: views.get(planned[i].id) ?? newMessageView(planned[i], outcome.seq), created: true, seq: outcome.seq };
  });
}
