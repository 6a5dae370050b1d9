// Starting a conversation: a 1:1 (reused when it exists) or a group, always with a first
// message that is text or a shared post. Creation and the first message are one
// transaction: there is never a conversation without its first message.
import { flavorOf, type Db } from "@/db/client";
import { isUniqueViolation } from "@/db/raw";
import { DomainError, notFound } from "@/domain/errors";
import { appendInTx, clientIdReused, findByClientId, type NewMessage, type Tx } from "@/domain/messages/append";
import { acceptContent, classify, type ContentPlace } from "@/domain/messages/content";
import { rateLimited, sendLoaded } from "@/domain/messages/send";
import { sweepRateWindows } from "@/domain/messages/rate-limit";
import type { MessageView } from "@/domain/messages/view";
import { CONVERSATION } from "@/shared/limits";
import type { MessageBody } from "@/shared/schemas/messages";
import type { StartConversation } from "@/shared/schemas/conversations";
import type { ConversationView } from "@/shared/views";
import { requireDmUser } from "./access";
import { pushConversation } from "./notify";
import { pushMessageTo } from "./visibility";
import { type DeniedCode, groupAddPermissions, messagingPermission, type MessagingPermission } from "./permissions";
import { conversationViewsFor, loadConversation, toConversationView } from "./view";

export interface StartResult {
  conversation: ConversationView;
  message: MessageView;
  /** true: a new conversation (HTTP 201). false: an existing 1:1, or a retried start (200). */
  created: boolean;
}

export const directKeyOf = (a: string, b: string) => [a, b].sort().join(":");

/** A start's first message opens the conversation: no photos, videos or voice note of one's own. */
const opening = (kind: "direct" | "group"): ContentPlace => ({ conversationKind: kind, opening: true, requestPending: false });

/** The stored text and a retry's, the retry's compared as sent and as trimmed. */
const sameText = (stored: string | undefined, sent: string | undefined) => (stored ?? "") === (sent ?? "") || (stored ?? "") === (sent ?? "").trim();

/** A start whose first message was stored meanwhile (a concurrent retry): its transaction rolls back, the original answers. */
class StartedMeanwhile extends Error {
  constructor(readonly original: MessageView) {
    super("started meanwhile");
  }
}

/** The first message, written with the conversation just created in this transaction. */
async function writeFirst(db: Db, tx: Tx, first: NewMessage): Promise<MessageView> {
  const [{ message, created }] = await appendInTx(tx, flavorOf(db), [first]);
  if (!created) throw new StartedMeanwhile(message);
  return message;
}

/** A retried start answers with what the first one made. */
async function retriedStart(db: Db, userId: string, original: MessageView): Promise<StartResult> {
  return { ...(await viewFor(db, original.conversationId, userId)), message: original, created: false };
}

export async function startConversation(db: Db, userId: string, input: StartConversation): Promise<StartResult> {
  // A retried start (same clientId) answers with what the first one made.
  const original = await findByClientId(db, userId, input.message.clientId);
  // ...if it is the same message: a clientId used before for something else is refused.
  if (original && !original.editedAt && !original.deletedAt && !sameText(original.text, input.message.text)) throw clientIdReused();
  if (original) return retriedStart(db, userId, original);
  await requireDmUser(db, userId);
  classify(input.message, opening(input.kind)); // refused before anything is looked up
  return input.kind === "direct" ? startDirect(db, userId, input.userId, input.message) : startGroup(db, userId, input.title, input.memberIds, input.message);
}

async function viewFor(db: Db, conversationId: string, userId: string): Promise<{ conversation: ConversationView }> {
  const view = (await conversationViewsFor(db, conversationId, [userId])).get(userId);
  if (!view) throw notFound("No such conversation");
  return { conversation: view };
}

function denied(p: MessagingPermission, userIds?: string[]): DomainError | null {
  if (p.allowed) return null;
  return new DomainError(p.code, "You can't message this person.", userIds ? { details: { userIds } } : {});
}

async function startDirect(db: Db, userId: string, otherId: string, body: MessageBody): Promise<StartResult> {
  if (otherId === userId) throw new DomainError("VALIDATION_FAILED", "A conversation needs someone else.");
  const directKey = directKeyOf(userId, otherId);
  for (let attempt = 1; ; attempt++) {
    const existing = await db.conversation.findUnique({ where: { directKey }, select: { id: true } });
    if (existing) {
      // The 1:1 exists: the message goes into it, under the rules of any send.
      const conversation = await loadConversation(db, existing.id);
      const me = conversation?.members.find((m) => m.userId === userId);
      if (!conversation || !me) throw notFound("No such conversation");
      const { message } = await sendLoaded(db, conversation, me, body);
      return { ...(await viewFor(db, conversation.id, userId)), message, created: false };
    }
    const permission = await messagingPermission(db, userId, otherId);
    const refusal = denied(permission);
    if (refusal) throw refusal;
    const asRequest = permission.allowed && permission.asRequest;
    const first = await acceptContent(db, { senderId: userId, conversationId: null, place: opening("direct"), body });
    await rateLimited(userId)(db);
    try {
      const created = await db.$transaction(async (tx) => {
        // Checked again under the write lock: a concurrent start
        // of the same 1:1, or a concurrent retry of this one, is found instead of failing.
        const [raced, retried] = await Promise.all([tx.conversation.findUnique({ where: { directKey }, select: { id: true } }), findByClientId(tx, userId, body.clientId)]);
        if (retried) return { retried } as const;
        if (raced) return { raced: raced.id } as const;
        const conversation = await tx.conversation.create({
          data: {
            kind: "direct",
            directKey,
            createdById: userId,
            members: {
              create: [
                { userId, state: "accepted" },
                { userId: otherId, state: asRequest ? "request" : "accepted" },
              ],
            },
          },
          select: { id: true },
        });
        const message = await writeFirst(db, tx, { conversationId: conversation.id, senderId: userId, clientId: body.clientId, kind: first.kind, text: first.text, sharedPostId: first.sharedPostId });
        return { conversationId: conversation.id, message } as const;
      });
      if ("retried" in created && created.retried) return retriedStart(db, userId, created.retried);
      if ("raced" in created) continue;
      sweepRateWindows(db);
      return announceStart(db, created.conversationId, userId, created.message);
    } catch (e) {
      if (e instanceof StartedMeanwhile) return retriedStart(db, userId, e.original);
      // Someone started the same 1:1 at the same moment, or this very start was retried
      // concurrently: go again, and find it.
      if (isUniqueViolation(e) && attempt < 3) {
        const retried = await findByClientId(db, userId, body.clientId);
        if (retried) return retriedStart(db, userId, retried);
        continue;
      }
      throw e;
    }
  }
}

async function startGroup(db: Db, userId: string, title: string, memberIds: string[], body: MessageBody): Promise<StartResult> {
  const others = [...new Set(memberIds)].filter((id) => id !== userId);
  if (others.length < CONVERSATION.groupMinOtherMembers) {
    throw new DomainError("VALIDATION_FAILED", `A group needs at least ${CONVERSATION.groupMinOtherMembers} other members.`);
  }
  if (others.length + 1 > CONVERSATION.groupMaxMembers) throw new DomainError("GROUP_FULL", `A group has at most ${CONVERSATION.groupMaxMembers} members.`);
  const permissions = await groupAddPermissions(db, userId, others);
  const missing = others.filter((id) => !permissions.has(id));
  if (missing.length) throw new DomainError("NOT_FOUND", "No such user", { details: { userIds: missing } });
  assertAllAllowed(permissions);
  const first = await acceptContent(db, { senderId: userId, conversationId: null, place: opening("group"), body });
  await rateLimited(userId)(db);
  try {
    const created = await db.$transaction(async (tx) => {
      const conversation = await tx.conversation.create({
        data: {
          kind: "group",
          title,
          createdById: userId,
          members: {
            create: [
              { userId, role: "owner", state: "accepted" },
              ...others.map((id) => {
                const p = permissions.get(id)!;
                return { userId: id, state: p.allowed && p.asRequest ? "request" : "accepted" };
              }),
            ],
          },
        },
        select: { id: true },
      });
      const message = await writeFirst(db, tx, { conversationId: conversation.id, senderId: userId, clientId: body.clientId, kind: first.kind, text: first.text, sharedPostId: first.sharedPostId });
      return { conversationId: conversation.id, message };
    });
    sweepRateWindows(db);
    return announceStart(db, created.conversationId, userId, created.message);
  } catch (e) {
    if (e instanceof StartedMeanwhile) return retriedStart(db, userId, e.original);
    if (isUniqueViolation(e)) {
      const retried = await findByClientId(db, userId, body.clientId);
      if (retried) return retriedStart(db, userId, retried);
    }
    throw e;
  }
}

/** Refuses the whole list when anyone in it may not be added: AGE_RESTRICTED, then BLOCKED, then NOT_ALLOWED. */
export function assertAllAllowed(permissions: Map<string, MessagingPermission>): void {
  // Every DeniedCode, in the order of the rules (the record makes a new code a type error here).
  const order: Record<DeniedCode, number> = { AGE_RESTRICTED: 0, BOT_CANNOT_MESSAGE_MINOR: 1, BLOCKED: 2, NOT_ALLOWED: 3 };
  for (const code of (Object.keys(order) as DeniedCode[]).sort((a, b) => order[a] - order[b])) {
    const userIds = [...permissions].filter(([, p]) => !p.allowed && p.code === code).map(([id]) => id);
    if (userIds.length) throw denied({ allowed: false, code }, userIds)!;
  }
  // Never let a refusal through, whatever its code.
  if ([...permissions.values()].some((p) => !p.allowed)) throw new DomainError("NOT_ALLOWED", "You can't message this person.");
}

/** conversation:new to every member (the starter's other tabs too), then message:new. */
async function announceStart(db: Db, conversationId: string, userId: string, message: MessageView): Promise<StartResult> {
  const conversation = await loadConversation(db, conversationId);
  if (!conversation) throw notFound("No such conversation");
  const memberIds = conversation.members.map((m) => m.userId);
  pushConversation("conversation:new", conversation, message, memberIds);
  pushMessageTo("message:new", conversation.members, message);
  return { conversation: toConversationView(conversation, userId, message), message, created: true };
}
