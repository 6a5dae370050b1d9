// The statements of the message batch (batch-plan.ts), in each database's best form.
// Every statement's text is constant whatever the batch's size, so each is compiled once:
// SQLite reads the rows from one JSON parameter (json_each); PostgreSQL takes one array
// parameter per column (unnest), prepared once per connection, and far from the protocol's
// limit of 65,535 parameters.
import type { Flavor } from "@/db/client";
import { join, param, prepared, sql, sqliteValue, verbatim, type Cast, type Sql } from "@/db/sql";
import type { Row } from "@/db/raw";
import type { Message, Prisma } from "@/generated/sqlite/client";

/**
 * Every field of Prisma's Message, in the statements' column order: the PostgreSQL array
 * type it is written with (unnest), or null where an insert leaves it to its default. A
 * field added to the model does not compile until it is placed here.
 */
const MESSAGE_FIELDS = {
  id: "text[]",
  conversationId: "text[]",
  senderId: "text[]",
  clientId: "text[]",
  seq: "int[]",
  kind: "text[]",
  text: "text[]",
  sharedPostId: "text[]",
  replyToId: "text[]",
  systemEvent: "jsonb[]",
  createdAt: "timestamp[]",
  editedAt: null,
  deletedAt: null,
} as const satisfies Record<Prisma.MessageScalarFieldEnum, Cast | null>;
type Field = keyof typeof MESSAGE_FIELDS;
type Column = { [F in Field]: (typeof MESSAGE_FIELDS)[F] extends null ? never : F }[Field];
const MESSAGE_COLUMNS = (Object.keys(MESSAGE_FIELDS) as Field[]).filter((f): f is Column => MESSAGE_FIELDS[f] !== null);
const COLUMN_LIST = MESSAGE_COLUMNS.map((c) => `"${c}"`).join(", ");

/** A new message's row: the model's types, the system event as its JSON text. */
export type NewRow = Omit<Pick<Message, Column>, "systemEvent"> & { systemEvent: string | null };

/** A message of the batch as the first step reads it: its retry key, and the rate-limit window it counts in (if any). */
export interface Attempt {
  senderId: string;
  clientId: string;
  window: { key: string; expiresAt: Date } | null;
}
/** The first step's statements, and how their results read: the stored retries, and each window's count after. */
export interface RetriesAndWindows {
  statements: Sql[];
  read(results: Row[][]): { stored: Row[]; counted: Row[] };
}
/** An upload attached to a new message, at its place in the message. */
export interface Attachment {
  id: string;
  messageId: string;
  position: number;
}
/** A message the batch would write, as its conversation's advance counts it. */
export interface CountedMessage {
  conversationId: string;
  policyVersion: number | null;
}
export interface ReadPosition {
  conversationId: string;
  userId: string;
  seq: number;
}

export interface BatchSql {
  /**
   * The messages already stored under these (sender, clientId) pairs (id, senderId, clientId),
   * and the others counted in their windows (upserted in key order; key, count after).
   * PostgreSQL in one statement, SQLite in two.
   */
  retriesAndWindows(attempts: Attempt[]): RetriesAndWindows;
  /**
   * Locks the conversations (ids sorted; PostgreSQL: row locks in id order before the UPDATE,
   * whose own order is the planner's; SQLite: the transaction holds the database's write lock)
   * and advances each one's lastSeq (and lastMessageAt) by its messages that count: those
   * whose policyVersion is null or the conversation's. Returns id, policyVersion and
   * lastSeq after of every conversation that exists (lastSeq may be null where none counted).
   */
  advance(ids: string[], messages: CountedMessage[], lastMessageAt: Date): Sql;
  /** The uploads named (id, ownerId, conversationId, messageId), locked until the batch commits. */
  uploads(ids: string[]): Sql;
  /**
   * Inserts the rows, attaches the uploads and moves the senders' read positions (sorted):
   * PostgreSQL in one statement, SQLite in one each.
   */
  write(rows: NewRow[], attachments: Attachment[], positions: ReadPosition[]): Sql[];
}

const ADVANCE_READ = `"lastReadSeq" = "sent"."seq", "state" = 'accepted'`;
const READ_MATCH = `"ConversationMember"."conversationId" = "sent"."conversationId" AND "ConversationMember"."userId" = "sent"."userId" AND "ConversationMember"."lastReadSeq" < "sent"."seq"`;
const UPSERT_COUNT = `ON CONFLICT ("key") DO UPDATE SET "count" = "RateLimitWindow"."count" + excluded."count" RETURNING "key", "count"`;

/**
 * SQLite: the batch's rows as ONE JSON parameter (arrays of the values as SQLite stores them),
 * read with json_each, so that every statement's text is constant whatever the batch's size:
 * compiled once. (Multi-row statements had a text per size: under load the statement cache
 * thrashed and most batches compiled their statements again, most of the batch's time.)
 * CROSS JOIN keeps json_each the outer loop, so each row is found through the table's index.
 */
const rowsJson = (rows: unknown[][]) => param(JSON.stringify(rows.map((row) => row.map(jsonValue))));
/**
 * A lone surrogate becomes U+FFFD, as a bound parameter's text does: JSON keeps it as an
 * escape, which SQLite's JSON functions would decode into invalid UTF-8.
 */
const jsonValue = (value: unknown) => (typeof value === "string" ? (value as WellFormable).toWellFormed() : sqliteValue(value));
/** String.prototype.toWellFormed (Node 20; the project's TypeScript lib is ES2023). */
type WellFormable = string & { toWellFormed(): string };
const idsJson = (ids: string[]) => param(JSON.stringify(ids));
/** `value->>0 AS "a", value->>1 AS "b", …`: the JSON rows' fields under these names. */
const fields = (...names: string[]) => verbatim(names.map((n, i) => `value->>${i} AS "${n}"`).join(", "));

const sqlite: BatchSql = {
  retriesAndWindows: (attempts) => {
    const json = () => rowsJson(attempts.map((a) => [a.senderId, a.clientId, a.window?.key ?? null, a.window?.expiresAt ?? null]));
    return {
      statements: [
        sql`SELECT m."id", m."senderId", m."clientId" FROM json_each(${json()}) AS k CROSS JOIN "Message" AS m ON m."senderId" = k.value->>0 AND m."clientId" = k.value->>1`,
        sql`INSERT INTO "RateLimitWindow" ("key", "count", "expiresAt") SELECT w.value->>2, count(*), w.value->>3 FROM json_each(${json()}) AS w WHERE w.value->>2 IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "Message" AS m WHERE m."senderId" = w.value->>0 AND m."clientId" = w.value->>1) GROUP BY w.value->>2 ORDER BY w.value->>2 ${verbatim(UPSERT_COUNT)}`,
      ],
      read: ([stored, counted]) => ({ stored, counted }),
    };
  },
  // Counted per conversation first (json_each parsed once), against each row's policyVersion;
  // a conversation with nothing to count is written unchanged. RETURNING cannot name the FROM
  // side in SQLite: lastSeq comes back for every row (the plan reads it only where it counted).
  advance: (_ids, messages, lastMessageAt) =>
    sql`UPDATE "Conversation" SET "lastSeq" = "lastSeq" + v."n", "lastMessageAt" = CASE WHEN v."n" > 0 THEN ${lastMessageAt} ELSE "lastMessageAt" END FROM (SELECT c."id" AS "cid", sum(m.value->>1 IS NULL OR m.value->>1 = c."policyVersion") AS "n" FROM json_each(${rowsJson(messages.map((m) => [m.conversationId, m.policyVersion]))}) AS m CROSS JOIN "Conversation" AS c ON c."id" = m.value->>0 GROUP BY c."id") AS v WHERE "Conversation"."id" = v."cid" RETURNING "id", "policyVersion", "lastSeq"`,
  uploads: (ids) => sql`SELECT "id", "ownerId", "conversationId", "messageId" FROM "Media" WHERE "id" IN (SELECT value FROM json_each(${idsJson(ids)}))`,
  write: (rows, attachments, positions) => [
    sql`INSERT INTO "Message" (${verbatim(COLUMN_LIST)}) SELECT ${verbatim(MESSAGE_COLUMNS.map((_, i) => `value->>${i}`).join(", "))} FROM json_each(${rowsJson(rows.map((r) => MESSAGE_COLUMNS.map((c) => r[c])))})`,
    ...(attachments.length
      ? [
          sql`UPDATE "Media" SET "messageId" = v."mid", "position" = v."pos" FROM (SELECT ${fields("aid", "mid", "pos")} FROM json_each(${rowsJson(attachments.map((a) => [a.id, a.messageId, a.position]))})) AS v WHERE "Media"."id" = v."aid"`,
        ]
      : []),
    sql`UPDATE "ConversationMember" SET ${verbatim(ADVANCE_READ)} FROM (SELECT ${fields("conversationId", "userId", "seq")} FROM json_each(${rowsJson(positions.map((p) => [p.conversationId, p.userId, p.seq]))})) AS "sent" WHERE ${verbatim(READ_MATCH)}`,
  ],
};

const column = <T>(rows: T[], pick: (row: T) => unknown, cast: Parameters<typeof param>[1]) => param(rows.map(pick), cast);

const postgres: BatchSql = {
  // One round trip: the retries found, the others' windows upserted in key order, both answered
  // as rows of one result ("stored" rows carry id, senderId, clientId; "window" rows key, count).
  retriesAndWindows: (attempts) => ({
    statements: [
      prepared(
        "murmur_batch_retries_windows",
        sql`WITH "attempt" AS (SELECT * FROM unnest(${column(attempts, (a) => a.senderId, "text[]")}, ${column(attempts, (a) => a.clientId, "text[]")}, ${column(attempts, (a) => a.window?.key ?? null, "text[]")}, ${column(attempts, (a) => a.window?.expiresAt ?? null, "timestamp[]")}) AS a ("senderId", "clientId", "key", "expiresAt")),
          "stored" AS (SELECT m."id", m."senderId", m."clientId" FROM "Message" m JOIN "attempt" a ON m."senderId" = a."senderId" AND m."clientId" = a."clientId"),
          "counted" AS (INSERT INTO "RateLimitWindow" ("key", "count", "expiresAt") SELECT a."key", count(*)::int, a."expiresAt" FROM "attempt" a WHERE a."key" IS NOT NULL AND NOT EXISTS (SELECT 1 FROM "stored" s WHERE s."senderId" = a."senderId" AND s."clientId" = a."clientId") GROUP BY a."key", a."expiresAt" ORDER BY a."key" ${verbatim(UPSERT_COUNT)})
          SELECT 'stored' AS "kind", "id", "senderId", "clientId", NULL::text AS "key", NULL::int AS "count" FROM "stored" UNION ALL SELECT 'window', NULL, NULL, NULL, "key", "count" FROM "counted"`,
      ),
    ],
    read: ([rows]) => ({ stored: rows.filter((r) => r.kind === "stored"), counted: rows.filter((r) => r.kind === "window") }),
  }),
  // One round trip: the rows locked in id order, the counts against the versions read under
  // the lock, the UPDATE of the rows this statement holds, and every locked row's answer.
  advance: (ids, messages, lastMessageAt) =>
    prepared(
      "murmur_batch_advance",
      sql`WITH "locked" AS (SELECT "id", "policyVersion" FROM "Conversation" WHERE "id" = ANY(${param(ids, "text[]")}) ORDER BY "id" FOR UPDATE),
        "counted" AS (SELECT l."id", count(*)::int AS "n" FROM "locked" l JOIN unnest(${column(messages, (m) => m.conversationId, "text[]")}, ${column(messages, (m) => m.policyVersion, "int[]")}) AS m ("cid", "version") ON m."cid" = l."id" WHERE m."version" IS NULL OR m."version" = l."policyVersion" GROUP BY l."id"),
        "advanced" AS (UPDATE "Conversation" AS c SET "lastSeq" = c."lastSeq" + "counted"."n", "lastMessageAt" = ${param(lastMessageAt, "timestamp")} FROM "counted" WHERE c."id" = "counted"."id" RETURNING c."id", c."lastSeq")
        SELECT l."id", l."policyVersion", a."lastSeq" FROM "locked" l LEFT JOIN "advanced" a ON a."id" = l."id"`,
    ),
  uploads: (ids) => prepared("murmur_batch_uploads", sql`SELECT "id", "ownerId", "conversationId", "messageId" FROM "Media" WHERE "id" = ANY(${param(ids, "text[]")}) ORDER BY "id" FOR UPDATE`),
  // One round trip; the three parts see the same snapshot and touch different rows, and the
  // uploads' foreign key to their message is checked when the whole statement has run.
  write: (rows, attachments, positions) => [
    prepared(
      "murmur_batch_write",
      sql`WITH "inserted" AS (INSERT INTO "Message" (${verbatim(COLUMN_LIST)}) SELECT * FROM unnest(${join(MESSAGE_COLUMNS.map((c) => sql`${column(rows, (r) => r[c], MESSAGE_FIELDS[c])}`))})),
        "attached" AS (UPDATE "Media" AS md SET "messageId" = v."messageId", "position" = v."position" FROM unnest(${column(attachments, (a) => a.id, "text[]")}, ${column(attachments, (a) => a.messageId, "text[]")}, ${column(attachments, (a) => a.position, "int[]")}) AS v ("id", "messageId", "position") WHERE md."id" = v."id")
        UPDATE "ConversationMember" SET ${verbatim(ADVANCE_READ)} FROM unnest(${column(positions, (p) => p.conversationId, "text[]")}, ${column(positions, (p) => p.userId, "text[]")}, ${column(positions, (p) => p.seq, "int[]")}) AS "sent" ("conversationId", "userId", "seq") WHERE ${verbatim(READ_MATCH)}`,
    ),
  ],
};

export const batchSql = (flavor: Flavor): BatchSql => (flavor === "postgres" ? postgres : sqlite);
