// Raw statements that write a batch of new messages in one transaction: one UPDATE that
// advances every touched conversation's lastSeq, one multi-row INSERT whose seqs are read
// back from those conversations inside the same transaction.
// A handful of statements per batch instead of five Prisma queries per message.
// Messages with uploads are not batched (see message-writer.ts).
import type { Db, Flavor } from "@/db/client";
import type { MessageKind } from "@/shared/schemas/messages";

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
  createdAt: Date;
}

type Cast = "int" | "jsonb" | "timestamp";

/** Collects parameters and writes the placeholder each database expects. */
class Params {
  readonly values: unknown[] = [];
  constructor(private readonly flavor: Flavor) {}
  add(value: unknown, cast?: Cast): string {
    if (value instanceof Date) value = this.flavor === "postgres" ? value.toISOString() : value.toISOString().replace("Z", "+00:00");
    this.values.push(value);
    if (this.flavor === "sqlite") return "?";
    const placeholder = `$${this.values.length}`;
    if (cast === "timestamp") return `${placeholder}::timestamp(3)`;
    return cast ? `${placeholder}::${cast}` : placeholder;
  }
}

export function batchStatements(db: Db, flavor: Flavor, messages: PlannedMessage[]) {
  const perConversation = new Map<string, number>();
  for (const m of messages) perConversation.set(m.conversationId, (perConversation.get(m.conversationId) ?? 0) + 1);
  const lastAt = messages[messages.length - 1].createdAt;

  const seq = new Params(flavor);
  const cases = [...perConversation].map(([id, count]) => `WHEN ${seq.add(id)} THEN ${seq.add(count, "int")}`).join(" ");
  const lastMessageAt = seq.add(lastAt, "timestamp");
  const ids = [...perConversation.keys()].map((id) => seq.add(id)).join(", ");
  const advance = `UPDATE "Conversation" SET "lastSeq" = "lastSeq" + (CASE "id" ${cases} END), "lastMessageAt" = ${lastMessageAt} WHERE "id" IN (${ids})`;

  // The j-th of a conversation's k new messages gets lastSeq - (k - 1 - j).
  const seen = new Map<string, number>();
  const insert = new Params(flavor);
  const rows = messages.map((m) => {
    const j = seen.get(m.conversationId) ?? 0;
    seen.set(m.conversationId, j + 1);
    const back = perConversation.get(m.conversationId)! - 1 - j;
    return `(${[
      insert.add(m.id),
      insert.add(m.conversationId),
      insert.add(m.senderId),
      insert.add(m.clientId),
      `(SELECT "lastSeq" FROM "Conversation" WHERE "id" = ${insert.add(m.conversationId)}) - ${insert.add(back, "int")}`,
      insert.add(m.kind),
      insert.add(m.text),
      insert.add(m.sharedPostId),
      insert.add(m.replyToId),
      insert.add(m.systemEvent == null ? null : JSON.stringify(m.systemEvent), "jsonb"),
      insert.add(m.createdAt, "timestamp"),
    ].join(", ")})`;
  });
  const columns = `"id", "conversationId", "senderId", "clientId", "seq", "kind", "text", "sharedPostId", "replyToId", "systemEvent", "createdAt"`;
  return [
    db.$executeRawUnsafe(advance, ...seq.values),
    db.$executeRawUnsafe(`INSERT INTO "Message" (${columns}) VALUES ${rows.join(", ")}`, ...insert.values),
  ];
}
