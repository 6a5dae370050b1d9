// The statements of the message batch (batch-plan.ts), in each database's best form.
// SQLite: plain multi-row statements (prepared and cached by their text, see raw.ts).
// PostgreSQL: one array parameter per column (unnest), so that every statement's text is
// constant whatever the batch's size: prepared once per connection, and far from the
// protocol's limit of 65,535 parameters.
import type { Flavor } from "@/db/client";
import { join, param, prepared, sql, verbatim, type Cast, type Sql } from "@/db/sql";
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

const sqlite: BatchSql = {
  stored: (keys) =>
    sql`SELECT "id", "senderId", "clientId" FROM "Message" WHERE ${join(
      keys.map((k) => sql`("senderId" = ${k.senderId} AND "clientId" = ${k.clientId})`),
      " OR ",
    )}`,
  countRates: (windows) => sql`INSERT INTO "RateLimitWindow" ("key", "count", "expiresAt") VALUES ${join(windows.map((w) => sql`(${w.key}, ${w.count}, ${w.expiresAt})`))} ${verbatim(UPSERT_COUNT)}`,
  lockConversations: (ids, readVersions) => (readVersions ? sql`SELECT "id", "policyVersion" FROM "Conversation" WHERE "id" IN (${join(ids.map((id) => sql`${id}`))})` : null),
  advance: (counts, lastMessageAt) => {
    const ids = join(counts.map(([id]) => sql`${id}`));
    const cases = join(
      counts.map(([id, n]) => sql`WHEN ${id} THEN ${n}`),
      " ",
    );
    return sql`UPDATE "Conversation" SET "lastSeq" = "lastSeq" + (CASE "id" ${cases} END), "lastMessageAt" = ${lastMessageAt} WHERE "id" IN (${ids}) RETURNING "id", "lastSeq"`;
  },
  uploads: (ids) => sql`SELECT "id", "ownerId", "conversationId", "messageId" FROM "Media" WHERE "id" IN (${join(ids.map((id) => sql`${id}`))})`,
  attach: (attachments) => {
    const ids = join(attachments.map((a) => sql`${a.id}`));
    const messages = join(
      attachments.map((a) => sql`WHEN ${a.id} THEN ${a.messageId}`),
      " ",
    );
    const positions = join(
      attachments.map((a) => sql`WHEN ${a.id} THEN ${a.position}`),
      " ",
    );
    return sql`UPDATE "Media" SET "messageId" = (CASE "id" ${messages} END), "position" = (CASE "id" ${positions} END) WHERE "id" IN (${ids})`;
  },
  insert: (rows) => sql`INSERT INTO "Message" (${verbatim(COLUMN_LIST)}) VALUES ${join(rows.map((r) => sql`(${join(MESSAGE_COLUMNS.map((c) => sql`${r[c]}`))})`))}`,
  readUpTo: (positions) =>
    sql`WITH "sent" ("conversationId", "userId", "seq") AS (VALUES ${join(positions.map((p) => sql`(${p.conversationId}, ${p.userId}, ${p.seq})`))}) UPDATE "ConversationMember" SET ${verbatim(ADVANCE_READ)} FROM "sent" WHERE ${verbatim(READ_MATCH)}`,
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
