// Group commit for the message hot path. Appends that arrive while a write is in flight
// wait for it and then go into the next transaction together, so under load many messages
// share one commit, and an idle server writes a lone message at once (no timer delay).
// Every caller's promise settles only after its message is committed: persisted before acked.
// The batch is raw SQL (batch-plan.ts): Prisma's per-query cost would dominate here.
import type { Db } from "@/db/client";
import { isDataError, isUniqueViolation, rawDb } from "@/db/raw";
import { DomainError, isDomainError, type RateLimitState } from "@/domain/errors";
import { assertSameMessage, StalePolicyError, type AppendResult, type NewMessage } from "./message-record";
import { writeBatch, type Outcome, type PlannedMessage } from "./batch-plan";
import { batchThreadOf } from "./batch-thread";
import { needsReadBack, newMessageView, planMessage } from "./new-message";
import type { RateLimitRule } from "./rate-limit";
import { messageInclude, toMessageView, type MessageView } from "./view";

interface Pending {
  input: NewMessage;
  rateLimit: RateLimitRule | null;
  policyVersion: number | null;
  resolve(result: AppendResult): void;
  reject(error: unknown): void;
}

const MAX_BATCH = 256;
/** Under load, a batch of fewer than this many waits GATHER_MS for more. */
const GATHER_UP_TO = 32;
const GATHER_MS = 1;
/** A batch that failed for a reason other than its content (a dropped connection, a deadlock) is tried again. */
const RETRY_DELAYS_MS = [20, 100, 400, 1000];
// One writer per client and process, kept on the client: Next's bundles and server.ts
// load separate copies of this module, and sharing one queue keeps batches full.
const WRITER = Symbol.for("murmur.messageWriter");

export const writerFor = (db: Db): MessageWriter => {
  const holder = db as unknown as { [WRITER]?: MessageWriter };
  if (!holder[WRITER]) Object.defineProperty(holder, WRITER, { value: new MessageWriter(db), configurable: true, enumerable: false });
  return holder[WRITER]!;
};

const key = (senderId: string, clientId: string) => `${senderId}\u0000${clientId}`;

export class MessageWriter {
  private queue: Pending[] = [];
  private writing = false;
  /** How messages were written: in batches, or one by one after a batch was refused. */
  readonly stats = { batches: 0, batchedMessages: 0, fallbacks: 0, retries: 0 };

  constructor(private readonly db: Db) {}

  append(input: NewMessage, rateLimit: RateLimitRule | null = null, policyVersion: number | null = null): Promise<AppendResult> {
    return new Promise((resolve, reject) => {
      this.queue.push({ input, rateLimit, policyVersion, resolve, reject });
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
      // Under load (messages arrived while that batch was written) the next batch waits a
      // moment for more: a batch costs about as much to hand over and commit whether it
      // holds two messages or twenty. A lone message never waits.
      if (this.queue.length && this.queue.length < GATHER_UP_TO) await new Promise((resolve) => setTimeout(resolve, GATHER_MS));
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
    const createdAt = new Date();
    const planned = [...groups.values()].map(([p]) => planMessage(p.input, createdAt, p.rateLimit, p.policyVersion));
    const waitingFor = (m: PlannedMessage) => groups.get(key(m.senderId, m.clientId))!;

    try {
      await this.settle(planned, await this.commit(planned), waitingFor);
    } catch (e) {
      // A concurrent writer (another node) stored one of these clientIds first, or one
      // message's content was refused by the database: each message is written again as a
      // batch of its own, and only the faulty one fails.
      if (!isUniqueViolation(e) && !isDataError(e)) throw e;
      this.stats.fallbacks++;
      await Promise.all(planned.map((m) => this.writeAlone(m, waitingFor(m))));
    }
  }

  /** One message as a batch of one, after its batch could not be written as a whole. */
  private async writeAlone(m: PlannedMessage, waiting: Pending[]) {
    try {
      await this.settle([m], await this.commit([m]), () => waiting);
    } catch (e) {
      if (isUniqueViolation(e)) {
        // The other writer's message is this one's original: answer with it.
        const original = await this.db.message.findUnique({ where: { senderId_clientId: { senderId: m.senderId, clientId: m.clientId } }, include: messageInclude });
        if (original) return this.answer(waiting, toMessageView(original), false, false);
      }
      const refusal = isDataError(e) ? new DomainError("VALIDATION_FAILED", "The database refused this message's content.") : e;
      waiting.forEach((p) => p.reject(refusal));
    }
  }

  /** Answers everyone waiting for a message; a retry only if it is the same message. */
  private answer(waiting: Pending[], message: MessageView, created: boolean, firstIsOriginal = true, rateLimit?: RateLimitState) {
    waiting.forEach((p, n) => {
      if (!firstIsOriginal || n > 0) {
        try {
          assertSameMessage(p.input, message);
        } catch (refusal) {
          return p.reject(refusal);
        }
      }
      p.resolve({ message, created: created && n === 0, ...(rateLimit && n === 0 ? { rateLimit } : {}) });
    });
  }

  private async settle(planned: PlannedMessage[], outcomes: Outcome[], waitingFor: (m: PlannedMessage) => Pending[]) {
    this.stats.batches++;
    this.stats.batchedMessages += planned.length;

    // Views: built from what was written, or read back (retries, replies, shared posts, uploads).
    const readBack = new Set<string>();
    outcomes.forEach((o, i) => {
      if (o.status === "stored") readBack.add(o.id);
      if (o.status === "created" && needsReadBack(planned[i])) readBack.add(planned[i].id);
    });
    const rows = readBack.size ? await this.db.message.findMany({ where: { id: { in: [...readBack] } }, include: messageInclude }) : [];
    const views = new Map(rows.map((r) => [r.id, toMessageView(r)]));

    outcomes.forEach((outcome, i) => {
      const waiting = waitingFor(planned[i]);
      if (outcome.status === "refused") return waiting.forEach((p) => p.reject(outcome.error));
      if (outcome.status === "stale") return waiting.forEach((p) => p.reject(new StalePolicyError()));
      const message = outcome.status === "stored" ? views.get(outcome.id)! : (views.get(planned[i].id) ?? newMessageView(planned[i], outcome.seq));
      // "Stored" under this batch's own id: an earlier attempt committed before its connection dropped.
      const created = outcome.status === "created" || outcome.id === planned[i].id;
      this.answer(waiting, message, created, outcome.status !== "stored", outcome.status === "created" ? outcome.rateLimit : undefined);
    });
  }

  /** The batch's transaction, tried again after a failure that was not about its content. */
  private async commit(planned: PlannedMessage[]): Promise<Outcome[]> {
    const raw = await rawDb(this.db);
    for (let attempt = 0; ; attempt++) {
      try {
        // On the batch thread when the server runs one (SQLite), else on this connection.
        const thread = batchThreadOf(this.db);
        if (thread?.alive) return await thread.write(planned);
        return await raw.transaction(() => writeBatch(raw.flavor, planned));
      } catch (e) {
        // Safe to repeat (also after the batch thread failed mid-batch): a batch that did
        // commit after all is found by its clientIds.
        // Content the database refuses fails the same way every time: no retry.
        if (isUniqueViolation(e) || isDomainError(e) || isDataError(e) || attempt >= RETRY_DELAYS_MS.length) throw e;
        this.stats.retries++;
        await new Promise((resolve) => setTimeout(resolve, RETRY_DELAYS_MS[attempt]));
      }
    }
  }
}
