// The statements of the message batch (batch-plan.ts), in each database's best form.
// Every statement's text is constant whatever the batch's size, so each is compiled once:
// SQLite reads the rows from one JSON parameter (json_each); PostgreSQL takes one array
// parameter per column (unnest), prepared once per connection, and far from the protocol's
// limit of 65,535 parameters.
import type { Flavor } from "@/db/client";
import { join, param, prepared, sql, sqliteValue, verbatim, type Cast, type Sql } from "@/db/sql";
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

export interface WindowCount {
  key: string;
  count: number;
  expiresAt: Date;
}
/** An upload attached to a new message, at its place in the message. */
export interface Attachment {
  id: string;
  messageId: string;
  position: number;
}
export interface ReadPosition {
  conversationId: string;
  userId: string;
  seq: number;
}

export interface BatchSql {
  /** id, senderId, clientId of the messages already stored under these (sender, clientId) pairs. */
  stored(keys: { senderId: string; clientId: string }[]): Sql;
  /** Adds to the windows' counts (keys sorted); returns key, count after. */
  countRates(windows: WindowCount[]): Sql;
  /**
   * id, policyVersion of the conversations (ids sorted). PostgreSQL: row locks in id order
   * before the UPDATE (whose own order is the planner's), always. SQLite: the transaction
   * holds the database's write lock, so only when versions are to be compared.
   */
  lockConversations(ids: string[], readVersions: boolean): Sql | null;
  /** Advances lastSeq by each count; returns id, lastSeq after. */
  advance(counts: [string, number][], lastMessageAt: Date): Sql;
  /** The uploads named (id, ownerId, conversationId, messageId), locked until the batch commits. */
  uploads(ids: string[]): Sql;
  insert(rows: NewRow[]): Sql;
  attach(attachments: Attachment[]): Sql;
  readUpTo(positions: ReadPosition[]): Sql;
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
  stored: (keys) =>
    sql`SELECT m."id", m."senderId", m."clientId" FROM json_each(${rowsJson(keys.map((k) => [k.senderId, k.clientId]))}) AS k CROSS JOIN "Message" AS m ON m."senderId" = k.value->>0 AND m."clientId" = k.value->>1`,
  countRates: (windows) =>
    sql`INSERT INTO "RateLimitWindow" ("key", "count", "expiresAt") SELECT value->>0, value->>1, value->>2 FROM json_each(${rowsJson(windows.map((w) => [w.key, w.count, w.expiresAt]))}) WHERE true ${verbatim(UPSERT_COUNT)}`,
  lockConversations: (ids, readVersions) => (readVersions ? sql`SELECT "id", "policyVersion" FROM "Conversation" WHERE "id" IN (SELECT value FROM json_each(${idsJson(ids)}))` : null),
  advance: (counts, lastMessageAt) =>
    sql`UPDATE "Conversation" SET "lastSeq" = "lastSeq" + v."n", "lastMessageAt" = ${lastMessageAt} FROM (SELECT ${fields("cid", "n")} FROM json_each(${rowsJson(counts)})) AS v WHERE "Conversation"."id" = v."cid" RETURNING "id", "lastSeq"`,
  uploads: (ids) => sql`SELECT "id", "ownerId", "conversationId", "messageId" FROM "Media" WHERE "id" IN (SELECT value FROM json_each(${idsJson(ids)}))`,
  attach: (attachments) =>
    sql`UPDATE "Media" SET "messageId" = v."mid", "position" = v."pos" FROM (SELECT ${fields("aid", "mid", "pos")} FROM json_each(${rowsJson(attachments.map((a) => [a.id, a.messageId, a.position]))})) AS v WHERE "Media"."id" = v."aid"`,
  insert: (rows) =>
    sql`INSERT INTO "Message" (${verbatim(COLUMN_LIST)}) SELECT ${verbatim(MESSAGE_COLUMNS.map((_, i) => `value->>${i}`).join(", "))} FROM json_each(${rowsJson(rows.map((r) => MESSAGE_COLUMNS.map((c) => r[c])))})`,
  readUpTo: (positions) =>
    sql`UPDATE "ConversationMember" SET ${verbatim(ADVANCE_READ)} FROM (SELECT ${fields("conversationId", "userId", "seq")} FROM json_each(${rowsJson(positions.map((p) => [p.conversationId, p.userId, p.seq]))})) AS "sent" WHERE ${verbatim(READ_MATCH)}`,
};

const column = <T>(rows: T[], pick: (row: T) => unknown, cast: Parameters<typeof param>[1]) => param(rows.map(pick), cast);

const postgres: BatchSql = {
  stored: (keys) =>
    prepared(
      "murmur_batch_stored",
      sql`SELECT m."id", m."senderId", m."clientId" FROM "Message" m JOIN unnest(${column(keys, (k) => k.senderId, "text[]")}, ${column(keys, (k) => k.clientId, "text[]")}) AS k ("senderId", "clientId") ON m."senderId" = k."senderId" AND m."clientId" = k."clientId"`,
    ),
  countRates: (windows) =>
    prepared(
      "murmur_batch_rates",
      sql`INSERT INTO "RateLimitWindow" ("key", "count", "expiresAt") SELECT * FROM unnest(${column(windows, (w) => w.key, "text[]")}, ${column(windows, (w) => w.count, "int[]")}, ${column(windows, (w) => w.expiresAt, "timestamp[]")}) ${verbatim(UPSERT_COUNT)}`,
    ),
  lockConversations: (ids) => prepared("murmur_batch_lock", sql`SELECT "id", "policyVersion" FROM "Conversation" WHERE "id" = ANY(${param(ids, "text[]")}) ORDER BY "id" FOR UPDATE`),
  advance: (counts, lastMessageAt) =>
    prepared(
      "murmur_batch_advance",
      sql`UPDATE "Conversation" AS c SET "lastSeq" = c."lastSeq" + v."n", "lastMessageAt" = ${param(lastMessageAt, "timestamp")} FROM unnest(${column(counts, ([id]) => id, "text[]")}, ${column(counts, ([, n]) => n, "int[]")}) AS v ("id", "n") WHERE c."id" = v."id" RETURNING c."id", c."lastSeq"`,
    ),
  uploads: (ids) => prepared("murmur_batch_uploads", sql`SELECT "id", "ownerId", "conversationId", "messageId" FROM "Media" WHERE "id" = ANY(${param(ids, "text[]")}) ORDER BY "id" FOR UPDATE`),
  attach: (attachments) =>
    prepared(
      "murmur_batch_attach",
      sql`UPDATE "Media" AS md SET "messageId" = v."messageId", "position" = v."position" FROM unnest(${column(attachments, (a) => a.id, "text[]")}, ${column(attachments, (a) => a.messageId, "text[]")}, ${column(attachments, (a) => a.position, "int[]")}) AS v ("id", "messageId", "position") WHERE md."id" = v."id"`,
    ),
  insert: (rows) =>
    prepared(
      "murmur_batch_insert",
      sql`INSERT INTO "Message" (${verbatim(COLUMN_LIST)}) SELECT * FROM unnest(${join(MESSAGE_COLUMNS.map((c) => sql`${column(rows, (r) => r[c], MESSAGE_FIELDS[c])}`))})`,
    ),
  readUpTo: (positions) =>
    prepared(
      "murmur_batch_read",
      sql`UPDATE "ConversationMember" SET ${verbatim(ADVANCE_READ)} FROM unnest(${column(positions, (p) => p.conversationId, "text[]")}, ${column(positions, (p) => p.userId, "text[]")}, ${column(positions, (p) => p.seq, "int[]")}) AS "sent" ("conversationId", "userId", "seq") WHERE ${verbatim(READ_MATCH)}`,
    ),
};

export const batchSql = (flavor: Flavor): BatchSql => (flavor === "postgres" ? postgres : sqlite);
