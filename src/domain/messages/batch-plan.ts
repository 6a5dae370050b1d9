// The transaction that writes a batch of new messages (group commit, see message-writer.ts),
// as a plan of raw statements that runs on either database (src/db/raw.ts):
//   1. retries of messages stored before are answered with the original;
//   2. the others are counted in their senders' rate-limit windows (one upsert; with 1, one
//      statement on PostgreSQL), the excess refused;
//   2b. the uploads the messages attach are read and locked: each must be its sender's,
//      for that conversation and not attached yet, or its message is refused;
//   3. the touched conversations are locked (PostgreSQL; SQLite holds its write lock), and
//      each one's lastSeq advances by its messages whose checks read its current policy
//      version; a message whose checks read an older one (a node's cache, see
//      conversations/send-context.ts) is answered "stale" and checked again (one statement);
//   4. one multi-row INSERT with the seqs that follow from it, and the uploads attached;
//   5. the senders' read positions move to their new messages (with 4: one statement on
//      PostgreSQL, whose round trips cost more than SQLite's statements).
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

  // 1 and 2. Retries of stored messages, answered with the original; every other attempt is
  // counted in its rate-limit window, and those past the limit refused, in arrival order.
  const windowOf = messages.map((m) => (m.rateLimit ? rateWindow(m.rateLimit, m.senderId, m.createdAt.getTime()) : null));
  const first = statements.retriesAndWindows(
    messages.map((m, i) => {
      const window = windowOf[i];
      return { senderId: m.senderId, clientId: m.clientId, window: window && { key: window.key, expiresAt: new Date(window.end) } };
    }),
  );
  const results: Row[][] = [];
  for (const statement of first.statements) results.push(yield statement);
  const { stored, counted: windowCounts } = first.read(results);
  const storedIds = new Map(stored.map((r) => [`${r.senderId}\u0000${r.clientId}`, String(r.id)]));
  messages.forEach((m, i) => {
    const id = storedIds.get(`${m.senderId}\u0000${m.clientId}`);
    if (id) outcomes[i] = { status: "stored", id };
  });
  const windows = new Map<string, { rule: RateLimitRule; end: number; indexes: number[] }>();
  for (const { m, i } of pending()) {
    if (!m.rateLimit || !windowOf[i]) continue;
    const { key, end } = windowOf[i];
    const window = windows.get(key) ?? { rule: m.rateLimit, end, indexes: [] };
    window.indexes.push(i);
    windows.set(key, window);
  }
  for (const row of windowCounts) {
    const { rule, end, indexes } = windows.get(String(row.key))!;
    const before = Number(row.count) - indexes.length;
    const allowed = Math.max(0, rule.limit - before);
    indexes.slice(0, allowed).forEach((i, n) => limitStates.set(i, rateState(rule, before + n + 1, end, messages[i].createdAt.getTime())));
    for (const i of indexes.slice(allowed)) outcomes[i] = { status: "refused", error: rateLimitedError(end, messages[i].createdAt.getTime(), rule) };
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

  // 3. Lock the conversations and advance each by its messages whose checks read its current
  // policy version (or the database itself); the others are stale. One statement: it returns
  // each conversation's version as read under the lock, and its lastSeq after.
  const counted = pending().map(({ m }) => ({ conversationId: m.conversationId, policyVersion: m.policyVersion }));
  if (!counted.length) return outcomes as Outcome[];
  const touched = [...new Set(counted.map((c) => c.conversationId))].sort(byText);
  const advanced: Row[] = yield statements.advance(touched, counted, messages[messages.length - 1].createdAt);
  const locked = new Map(advanced.map((r) => [String(r.id), { policyVersion: Number(r.policyVersion), lastSeq: r.lastSeq == null ? null : Number(r.lastSeq) }]));
  const perConversation = new Map<string, number>();
  for (const { m, i } of pending()) {
    const conversation = locked.get(m.conversationId);
    if (!conversation) continue; // refused below
    if (m.policyVersion !== null && m.policyVersion !== conversation.policyVersion) outcomes[i] = { status: "stale" };
    else perConversation.set(m.conversationId, (perConversation.get(m.conversationId) ?? 0) + 1);
  }
  const lastSeq = new Map([...perConversation.keys()].map((id) => [id, locked.get(id)!.lastSeq ?? 0]));

  // 4. Insert, numbering each conversation's new messages in arrival order.
  const nextSeq = new Map([...perConversation].map(([id, count]) => [id, lastSeq.get(id)! - count + 1]));
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
  // 5. With the rows: sending reads the conversation up to one's own message, and replying to
  // a request accepts it. Monotonic; no rows for conversations without members (room topics).
  const positions = [...readUpTo.values()].sort((a, b) => byText(a.conversationId, b.conversationId) || byText(a.userId, b.userId));
  for (const statement of statements.write(rows, attachments, positions)) yield statement;
  return outcomes as Outcome[];
}
