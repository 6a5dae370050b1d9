// Group commit for the message hot path. Appends that arrive while a write is in flight
// wait for it and then go into the next transaction together, so under load many messages
// share one commit, and an idle server writes a lone message at once (no timer delay).
// Every caller's promise settles only after its message is committed: persisted before acked.
import crypto from "node:crypto";
import { flavorOf, type Db } from "@/db/client";
import { batchStatements, type PlannedMessage } from "./batch-sql";
import { messageInclude, toMessageView } from "./view";
import type { AppendResult, NewMessage } from "./append";
import { appendOneMessage } from "./append-one";

interface Pending {
  input: NewMessage;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

const MAX_BATCH = 256;
const writers = new WeakMap<Db, MessageWriter>();

export const writerFor = (db: Db): MessageWriter => {
  let writer = writers.get(db);
  if (!writer) writers.set(db, (writer = new MessageWriter(db)));
  return writer;
};

/** A sortable, opaque id (time first, then randomness), like the cuids Prisma makes. */
const newMessageId = () => `m${Date.now().toString(36)}${crypto.randomBytes(8).toString("hex")}`;
const key = (senderId: string, clientId: string) => `${senderId}\u0000${clientId}`;

export class MessageWriter {
  private queue: Pending[] = [];
  private writing = false;
  /** How messages were written: in batches, or one by one after a batch was refused. */
  readonly stats = { batches: 0, batchedMessages: 0, fallbacks: 0 };

  constructor(private readonly db: Db) {}

  append(input: NewMessage): Promise<AppendResult> {
    // A message with uploads gets a transaction of its own, which re-checks under the
    // write lock that each upload is still the sender's and unattached.
    if (input.mediaIds?.length) return appendOneMessage(this.db, input);
    return new Promise((resolve, reject) => {
      this.queue.push({ input, resolve, reject });
      if (!this.writing) {
        this.writing = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  private async drain() {
    while (this.queue.length) {
      const batch = this.queue.splice(0, MAX_BATCH);
      await this.write(batch).catch((e) => batch.forEach((p) => p.reject(e)));
    }
    this.writing = false;
  }

  private async write(batch: Pending[]) {
    // One write per (sender, clientId): a retry inside the same batch shares the result.
    const groups = new Map<string, Pending[]>();
    for (const p of batch) {
      const k = key(p.input.senderId, p.input.clientId);
      groups.set(k, [...(groups.get(k) ?? []), p]);
    }
    const settle = (k: string, result: AppendResult, duplicateOfNew = false) =>
      groups.get(k)!.forEach((p, i) => p.resolve(i === 0 && !duplicateOfNew ? result : { message: result.message, created: false }));

    // Retries of messages stored before: answer with the original.
    const existing = await this.db.message.findMany({
      where: { OR: [...groups.values()].map(([p]) => ({ senderId: p.input.senderId, clientId: p.input.clientId })) },
      include: messageInclude,
    });
    for (const row of existing) {
      settle(key(row.senderId, row.clientId), { message: toMessageView(row), created: false }, true);
      groups.delete(key(row.senderId, row.clientId));
    }
    if (!groups.size) return;

    const createdAt = new Date();
    const planned: PlannedMessage[] = [...groups.values()].map(([p]) => ({
      id: newMessageId(),
      conversationId: p.input.conversationId,
      senderId: p.input.senderId,
      clientId: p.input.clientId,
      kind: p.input.kind,
      text: p.input.text ?? null,
      sharedPostId: p.input.sharedPostId ?? null,
      replyToId: p.input.replyToId ?? null,
      systemEvent: p.input.systemEvent ?? null,
      createdAt,
    }));
    try {
      await this.db.$transaction(batchStatements(this.db, flavorOf(this.db), planned));
      this.stats.batches++;
      this.stats.batchedMessages += planned.length;
    } catch (e) {
      // A concurrent writer (another node) stored one of these clientIds first, or a
      // row was refused: fall back to one transaction per message, which sorts it out.
      this.stats.fallbacks++;
      if ((e as { code?: string }).code !== "P2002") console.warn("message batch refused, writing one by one:", (e as Error).message);
      await Promise.all(
        [...groups.entries()].map(async ([k, [p]]) => {
          try {
            settle(k, await appendOneMessage(this.db, p.input));
          } catch (e) {
            groups.get(k)!.forEach((x) => x.reject(e));
          }
        }),
      );
      return;
    }
    const rows = await this.db.message.findMany({ where: { id: { in: planned.map((m) => m.id) } }, include: messageInclude });
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const m of planned) settle(key(m.senderId, m.clientId), { message: toMessageView(byId.get(m.id)!), created: true });
  }
}
