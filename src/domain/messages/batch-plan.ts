// The transaction that writes a batch of new messages (group commit, see message-writer.ts),
// as a plan of raw statements that runs on either database (src/db/raw.ts):
//   1. retries of messages stored before are answered with the original;
//   2. the senders' rate-limit windows are counted (one upsert), the excess refused;
//   2b. the uploads the messages attach are read and locked: each must be its sender's,
//      for that conversation and not attached yet, or its message is refused;
//   3. the touched conversations are locked (PostgreSQL; SQLite holds its write lock) and
//      their policy versions read: a message whose checks read an older version (a node's
//      cache, see conversations/send-context.ts) is answered "stale" and checked again;
//      every conversation's lastSeq then advances by its count (one UPDATE … RETURNING);
//   4. one multi-row INSERT with the seqs that follow from it, and the uploads attached;
//   5. the senders' read positions move to their new messages (one UPDATE).
// Locks are taken in one order (windows, uploads, conversations, members, each sorted), so that
// batches on two nodes never deadlock each other.
import type { Flavor } from "@/db/client";
import type { Plan, Row } from "@/db/raw";
import { type DomainError, notFound, type RateLimitState } from "@/domain/errors";
import type { MessageKind } from "@/shared/schemas/messages";
import { batchSql, type Attachment, type NewRow, type ReadPosition } from "./batch-sql";
import { rateLimitedError, rateState, rateWindow, type RateLimitRule } from "./rate-limit";

export interface PlannedMessage {
  id: string;
  conversationId: string;
  senderId: string;
  clientId: string;
  kind: MessageKind;
  text: string | null;
  sharedPostId: string | null;
  replyToId: string | null;
  systemEvent: unknown;
  /** Uploads to attach, in this order. */
  mediaIds: string[];
  createdAt: Date;
  /** Counted against this rate limit, and refused over it. */
  rateLimit: RateLimitRule | null;
  /** The conversation's policy version the sender's checks read; null: they read the database in this write's transaction or just before it. */
  policyVersion: number | null;
}

export type Outcome =
  | { status: "created"; seq: number; rateLimit?: RateLimitState }
  | { status: "stored"; id: string } // a retry: this id holds the original
  | { status: "refused"; error: DomainError }
  | { status: "stale" }; // the checks read an older policy version: check again

const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function* writeBatch(flavor: Flavor, messages: PlannedMessage[]): Plan<Outcome[]> {
  const statements = batchSql(flavor);
  const outcomes: (Outcome | undefined)[] = new Array(messages.length);
  const pending = () => messages.map((m, i) => ({ m, i })).filter(({ i }) => !outcomes[i]);
  /** Each counted message's limit state right after it (for the RateLimit header fields). */
  const limitStates = new Map<number, RateLimitState>();

  // 1. Retries of stored messages.
  const stored: Row[] = yield statements.stored(messages);
  const storedIds = new Map(stored.map((r) => [`${r.senderId}\u0000${r.clientId}`, String(r.id)]));
  messages.forEach((m, i) => {
    const id = storedIds.get(`${m.senderId}\u0000${m.clientId}`);
    if (id) outcomes[i] = { status: "stored", id };
  });

  // 2. Rate limits: count every attempt; refuse those past the limit, in arrival order.
  const windows = new Map<string, { rule: RateLimitRule; end: number; indexes: number[] }>();
  for (const { m, i } of pending()) {
    if (!m.rateLimit) continue;
    const { key, end } = rateWindow(m.rateLimit, m.senderId, m.createdAt.getTime());
    const window = windows.get(key) ?? { rule: m.rateLimit, end, indexes: [] };
    window.indexes.push(i);
    windows.set(key, window);
  }
  if (windows.size) {
    const counts = [...windows].sort(([a], [b]) => byText(a, b)).map(([key, w]) => ({ key, count: w.indexes.length, expiresAt: new Date(w.end) }));
    const counted: Row[] = yield statements.countRates(counts);
    for (const row of counted) {
      const { rule, end, indexes } = windows.get(String(row.key))!;
      const before = Number(row.count) - indexes.length;
      const allowed = Math.max(0, rule.limit - before);
      indexes.slice(0, allowed).forEach((i, n) => limitStates.set(i, rateState(rule, before + n + 1, end, messages[i].createdAt.getTime())));
      for (const i of indexes.slice(allowed)) outcomes[i] = { status: "refused", error: rateLimitedError(end, messages[i].createdAt.getTime(), rule) };
    }
  }

  // 2b. Uploads: claimable by exactly one message of this batch, under the lock.
  const wanted = [...new Set(pending().flatMap(({ m }) => m.mediaIds))].sort(byText);
  if (wanted.length) {
    const found: Row[] = yield statements.uploads(wanted);
    const uploads = new Map(found.map((r) => [String(r.id), r]));
    const claimed = new Set<string>();
    for (const { m, i } of pending()) {
      if (!m.mediaIds.length) continue;
      const claimable =
        new Set(m.mediaIds).size === m.mediaIds.length &&
        m.mediaIds.every((id) => {
          const upload = uploads.get(id);
          return upload && !claimed.has(id) && upload.ownerId === m.senderId && upload.conversationId === m.conversationId && upload.messageId == null;
        });
      if (!claimable) outcomes[i] = { status: "refused", error: notFound("No such upload") };
      else for (const id of m.mediaIds) claimed.add(id);
    }
  }

  // 3. Lock the conversations, compare the policy versions the checks read, advance.
  const touched = [...new Set(pending().map(({ m }) => m.conversationId))].sort(byText);
  if (!touched.length) return outcomes as Outcome[];
  const lock = statements.lockConversations(
    touched,
    pending().some(({ m }) => m.policyVersion !== null),
  );
  if (lock) {
    const locked: Row[] = yield lock;
    const versions = new Map(locked.map((r) => [String(r.id), Number(r.policyVersion)]));
    for (const { m, i } of pending()) {
      if (m.policyVersion !== null && versions.has(m.conversationId) && versions.get(m.conversationId) !== m.policyVersion) outcomes[i] = { status: "stale" };
    }
  }
  const perConversation = new Map<string, number>();
  for (const { m } of pending()) perConversation.set(m.conversationId, (perConversation.get(m.conversationId) ?? 0) + 1);
  if (!perConversation.size) return outcomes as Outcome[];
  const counts = [...perConversation].sort(([a], [b]) => byText(a, b));
  const advanced: Row[] = yield statements.advance(counts, messages[messages.length - 1].createdAt);
  const lastSeq = new Map(advanced.map((r) => [String(r.id), Number(r.lastSeq)]));

  // 4. Insert, numbering each conversation's new messages in arrival order.
  const nextSeq = new Map(counts.map(([id, count]) => [id, (lastSeq.get(id) ?? 0) - count + 1]));
  const rows: NewRow[] = [];
  const attachments: Attachment[] = [];
  const readUpTo = new Map<string, ReadPosition>();
  for (const { m, i } of pending()) {
    if (!lastSeq.has(m.conversationId)) {
      outcomes[i] = { status: "refused", error: notFound("No such conversation") };
      continue;
    }
    const seq = nextSeq.get(m.conversationId)!;
    nextSeq.set(m.conversationId, seq + 1);
    outcomes[i] = { status: "created", seq, ...(limitStates.has(i) ? { rateLimit: limitStates.get(i) } : {}) };
    readUpTo.set(`${m.conversationId}\u0000${m.senderId}`, { conversationId: m.conversationId, userId: m.senderId, seq });
    rows.push({ ...m, seq, systemEvent: m.systemEvent == null ? null : JSON.stringify(m.systemEvent) });
    m.mediaIds.forEach((id, position) => attachments.push({ id, messageId: m.id, position }));
  }
  if (!rows.length) return outcomes as Outcome[];
  yield statements.insert(rows);
  if (attachments.length) yield statements.attach(attachments);

  // 5. Sending reads the conversation up to one's own message, and replying to a request
  // accepts it. Monotonic; no rows for conversations without members (room topics).
  yield statements.readUpTo([...readUpTo.values()].sort((a, b) => byText(a.conversationId, b.conversationId) || byText(a.userId, b.userId)));
  return outcomes as Outcome[];
}
