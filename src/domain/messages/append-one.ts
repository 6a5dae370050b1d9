// The single-message write: one transaction around insertMessageTx. Messages with
// uploads take it (it re-checks, under the write lock, that each upload is still the
// sender's and unattached), and so does a batch that could not be written as one.
import type { Db } from "@/db/client";
import { isUniqueViolation } from "@/db/raw";
import { assertSameMessage, findByClientId, insertMessageTx, type AppendResult, type NewMessage } from "./message-record";
import { consumeRate, type RateLimitRule } from "./rate-limit";

export async function appendOneMessage(db: Db, input: NewMessage, rateLimit: RateLimitRule | null = null): Promise<AppendResult> {
  const existing = await findByClientId(db, input.senderId, input.clientId);
  if (existing) {
    assertSameMessage(input, existing);
    return { message: existing, created: false };
  }
  // Counted before the transaction, not in it: see consumeRate.
  if (rateLimit) await consumeRate(db, input.senderId, rateLimit);
  try {
    const { view } = await db.$transaction((tx) => insertMessageTx(tx, input));
    return { message: view, created: true };
  } catch (e) {
    // A concurrent retry with the same clientId won the race: return its message.
    if (isUniqueViolation(e)) {
      const original = await findByClientId(db, input.senderId, input.clientId);
      if (original) {
        assertSameMessage(input, original);
        return { message: original, created: false };
      }
    }
    throw e;
  }
}
