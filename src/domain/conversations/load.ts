// Loading a conversation with its active members: every send and most conversation events
// start here, so it is raw SQL, one query (see src/db/raw.ts).
// On PostgreSQL the loads asked for in the same turn of the event loop share one query
// (`id = ANY(…)`, a prepared statement): one round trip and one execution for many sends.
// Each load still reads the database after it was asked for, so nothing is served stale.
import type { Db } from "@/db/client";
import { rawDb, type RawDb, type Row } from "@/db/raw";
import { param, prepared, readBool, readDate, sql, verbatim } from "@/db/sql";
import type { ConversationRow } from "./view";

const SELECT = `
  SELECT c."id", c."kind", c."title", c."createdById", c."lastSeq", c."lastMessageAt", c."policyVersion",
         m."userId", m."role", m."state", m."lastReadSeq", m."muted", m."hiddenUpToSeq",
         u."username", u."displayName", u."avatarUrl", u."birthDate", u."dmPolicy", u."nudityFilter", u."isBot"
  FROM "Conversation" c
  LEFT JOIN "ConversationMember" m ON m."conversationId" = c."id" AND m."leftAt" IS NULL
  LEFT JOIN "User" u ON u."id" = m."userId"`;
const ORDER = `ORDER BY c."id", m."joinedAt" ASC, m."userId" ASC`;

/** One conversation's rows (one per active member, or one with null member columns) as a ConversationRow. */
function toConversationRow(rows: Row[]): ConversationRow {
  const c = rows[0];
  return {
    id: String(c.id),
    kind: String(c.kind),
    title: (c.title as string | null) ?? null,
    createdById: String(c.createdById),
    lastSeq: Number(c.lastSeq),
    lastMessageAt: readDate(c.lastMessageAt),
    policyVersion: Number(c.policyVersion),
    members: rows
      .filter((r) => r.userId != null)
      .map((r) => ({
        userId: String(r.userId),
        role: String(r.role),
        state: String(r.state),
        lastReadSeq: Number(r.lastReadSeq),
        muted: readBool(r.muted),
        hiddenUpToSeq: Number(r.hiddenUpToSeq),
        leftAt: null,
        user: {
          id: String(r.userId),
          username: String(r.username),
          displayName: String(r.displayName),
          avatarUrl: (r.avatarUrl as string | null) ?? null,
          birthDate: String(r.birthDate),
          dmPolicy: (r.dmPolicy as string | null) ?? null,
          nudityFilter: readBool(r.nudityFilter),
          isBot: readBool(r.isBot),
        },
      })),
  };
}

type Waiter = { resolve(row: ConversationRow | null): void; reject(e: unknown): void };

/** Collects the loads of one event-loop turn and answers them with one query. */
class BatchedLoader {
  private waiting = new Map<string, Waiter[]>();

  constructor(private readonly raw: RawDb) {}

  load(id: string): Promise<ConversationRow | null> {
    return new Promise((resolve, reject) => {
      if (!this.waiting.size) setImmediate(() => void this.flush());
      this.waiting.set(id, [...(this.waiting.get(id) ?? []), { resolve, reject }]);
    });
  }

  private async flush() {
    const batch = this.waiting;
    this.waiting = new Map();
    try {
      const rows = await this.raw.all(prepared("murmur_load_conversations", sql`${verbatim(SELECT)} WHERE c."id" = ANY(${param([...batch.keys()], "text[]")}) ${verbatim(ORDER)}`));
      const byId = new Map<string, Row[]>();
      for (const row of rows) byId.set(String(row.id), [...(byId.get(String(row.id)) ?? []), row]);
      for (const [id, waiters] of batch) {
        const found = byId.get(id);
        // Each caller gets its own copy: callers may change what they were given.
        for (const w of waiters) w.resolve(found ? toConversationRow(found) : null);
      }
    } catch (e) {
      for (const waiters of batch.values()) waiters.forEach((w) => w.reject(e));
    }
  }
}

const LOADER = Symbol.for("murmur.conversationLoader");

/** One conversation with its active members (ordered by when they joined), or null. */
export async function loadConversation(db: Db, conversationId: string): Promise<ConversationRow | null> {
  const raw = await rawDb(db);
  if (raw.flavor === "sqlite") {
    // Synchronous and cheap on SQLite: batching would only add a turn of latency.
    const rows = await raw.all(sql`${verbatim(SELECT)} WHERE c."id" = ${conversationId} ${verbatim(ORDER)}`);
    return rows.length ? toConversationRow(rows) : null;
  }
  const holder = raw as RawDb & { [LOADER]?: BatchedLoader };
  holder[LOADER] ??= new BatchedLoader(raw);
  return holder[LOADER].load(conversationId);
}
