// One conversation's life through every message write path: a group start (conversation
// and first message in one transaction), sends through the group-commit writer, system
// messages with membership changes and a rename, uploads, and retries by clientId. The
// result names users by their usernames, so that it compares across databases.
import type { Db } from "@/db/client";
import { patchConversation } from "@/domain/conversations/manage";
import { addMembers, removeMember } from "@/domain/conversations/members";
import { startConversation } from "@/domain/conversations/start";
import { appendMessage, findByClientId } from "@/domain/messages/append";
import type { MessageView } from "@/domain/messages/view";
import type { StartConversation } from "@/shared/schemas/conversations";

export type ScenarioResult = Awaited<ReturnType<typeof scenario>>;

const failure = (p: Promise<unknown>) =>
  p.then(
    () => "succeeded",
    (e: { code?: string }) => e.code ?? "failed",
  );

export async function scenario(db: Db) {
  const names = new Map<string, string>();
  const user = async (username: string) => {
    const { id } = await db.user.create({ data: { username, displayName: username, passwordHash: "!", birthDate: "1990-01-01" } });
    names.set(id, username);
    return id;
  };
  const alice = await user("p_alice");
  const bob = await user("p_bob");
  const carol = await user("p_carol");
  const dave = await user("p_dave");
  const named = (value: unknown) => JSON.parse(JSON.stringify(value ?? null), (_, v) => (typeof v === "string" && names.has(v) ? names.get(v) : v));

  // A group start; its retry; the same clientId for another text.
  const start: StartConversation = { kind: "group", title: "Plans", memberIds: [bob, carol], message: { clientId: "start-1", text: "hello" } };
  const started = await startConversation(db, alice, start);
  const conversationId = started.conversation.id;
  const retried = await startConversation(db, alice, start);
  const reused = await failure(startConversation(db, alice, { ...start, message: { clientId: "start-1", text: "another" } }));

  // A send through the writer; its retry; the same clientId for another text.
  const sent = await appendMessage(db, { conversationId, senderId: bob, clientId: "b-1", kind: "text", text: "hi all" });
  const sentAgain = await appendMessage(db, { conversationId, senderId: bob, clientId: "b-1", kind: "text", text: "hi all" });
  const sentReused = await failure(appendMessage(db, { conversationId, senderId: bob, clientId: "b-1", kind: "text", text: "changed" }));

  // System messages, each with its change.
  const added = await addMembers(db, { actorId: alice, conversationId, userIds: [dave] });
  const renamed = await patchConversation(db, bob, conversationId, { title: "New plans" });

  // Uploads attached in their order, beside other sends of the same batch.
  const upload = (key: string) => db.media.create({ data: { ownerId: alice, conversationId, kind: "image", mime: "image/jpeg", bytes: 1, storageKey: key } });
  const first = await upload("u1");
  const second = await upload("u2");
  const burst = await Promise.all([
    appendMessage(db, { conversationId, senderId: alice, clientId: "a-visual", kind: "visual", mediaIds: [second.id, first.id] }),
    appendMessage(db, { conversationId, senderId: dave, clientId: "d-1", kind: "text", text: "new here" }),
    appendMessage(db, { conversationId, senderId: alice, clientId: "a-reply", kind: "text", text: "welcome", replyToId: started.message.id }),
  ]);
  const removed = await removeMember(db, { actorId: alice, conversationId, targetId: carol });

  const returned: MessageView[] = [started.message, sent.message, added.message!, renamed.message!, ...burst.map((r) => r.message), removed.message!];
  const stored = await Promise.all(returned.map((m) => findByClientId(db, m.senderId, m.clientId)));
  const rows = await db.message.findMany({ where: { conversationId }, orderBy: { seq: "asc" }, include: { media: { orderBy: { position: "asc" } } } });
  const conversation = await db.conversation.findUniqueOrThrow({ where: { id: conversationId } });
  const members = await db.conversationMember.findMany({ where: { conversationId } });
  const labels = new Map([[first.id, "u1"], [second.id, "u2"], ...rows.map((r) => [r.id, `seq ${r.seq}`] as const)]);

  return {
    start: { created: started.created, retryCreated: retried.created, retryIsOriginal: retried.message.id === started.message.id && retried.conversation.id === conversationId, reused },
    send: { created: sent.created, retryCreated: sentAgain.created, retryIsOriginal: sentAgain.message.id === sent.message.id, reused: sentReused },
    /** Every path gives the writer's ids, and answers with the view of what it stored. */
    writerIds: rows.every((r) => /^m[0-9a-z]{20,}$/.test(r.id)),
    viewsAsStored: returned.every((m, i) => JSON.stringify(m) === JSON.stringify(stored[i])),
    messages: rows.map((r) => ({
      seq: r.seq,
      sender: names.get(r.senderId),
      kind: r.kind,
      clientId: r.clientId.startsWith("server:") ? "server" : r.clientId,
      text: r.text,
      systemEvent: named(r.systemEvent),
      replyTo: r.replyToId ? labels.get(r.replyToId) : null,
      media: r.media.map((m) => ({ upload: labels.get(m.id), position: m.position })),
    })),
    conversation: { lastSeq: conversation.lastSeq, title: conversation.title, lastMessageAtIsLast: conversation.lastMessageAt?.getTime() === rows.at(-1)?.createdAt.getTime() },
    members: members
      .map((m) => ({ user: names.get(m.userId), role: m.role, state: m.state, lastReadSeq: m.lastReadSeq, hiddenUpToSeq: m.hiddenUpToSeq, left: m.leftAt != null }))
      .sort((a, b) => String(a.user).localeCompare(String(b.user))),
  };
}
