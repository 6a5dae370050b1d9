// The single-message write: one transaction around insertMessageTx. Messages with
// uploads take it (it re-checks, under the write lock, that each upload is still the
// sender's and unattached), and so does a batch that could not be written as one.
import type { Db } from "@/db/client";
import { findByClientId, insertMessageTx, type AppendResult, type NewMessage } from "./append";

const isUniqueViolation = (e: unknown) => (e as { code?: string })?.code === "P2002";

export async function appendOneMessage(db: Db, input: NewMessage): Promise<AppendResult> {
  const existing = await findByClientId(db, input.senderId, input.clientId);
  if (existing) return { message: existing, created: false };
  try {
    const { view } = await db.$transaction((tx) => insertMessageTx(tx, input));
    return { message: view, created: true };
  } catch (e) {
    // A concurrent retry with the same clientId won the race: return its message.
    if (isUniqueViolation(e)) {
      const original = await findByClientId(db, input.senderId, input.clientId);
      if (original) return { message: original, created: false };
    }
    throw e;
  }
}
