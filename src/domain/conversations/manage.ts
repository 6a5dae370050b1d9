// A member's own handling of a conversation: rename (groups), mute, accept a request,
// delete (hide) it.
import { flavorOf, type Db } from "@/db/client";
import { DomainError } from "@/domain/errors";
import { consumeLimit } from "@/domain/limits/consume";
import { appendInTx, serverClientId } from "@/domain/messages/append";
import type { MessageView } from "@/domain/messages/view";
import type { ConversationPatch } from "@/shared/schemas/conversations";
import type { ConversationView } from "@/shared/views";
import { loadForMember } from "./access";
import { leaveConversation } from "./members";
import { pushRemoved, pushViews } from "./notify";
import { pushMessageTo } from "./visibility";
import { conversationViewsFor } from "./view";

export interface PatchResult {
  conversation: ConversationView;
  /** The "renamed" system message, when the title changed. */
  message: MessageView | null;
}

async function myView(db: Db, conversationId: string, userId: string): Promise<ConversationView> {
  const view = (await conversationViewsFor(db, conversationId, [userId])).get(userId);
  if (!view) throw new DomainError("NOT_FOUND", "No such conversation");
  return view;
}

/** Title: groups, any member who accepted; a system message tells everyone. Muted: one's own. */
export async function patchConversation(db: Db, userId: string, conversationId: string, patch: ConversationPatch): Promise<PatchResult> {
  await consumeLimit("rename", userId);
  const { conversation, me } = await loadForMember(db, conversationId, userId);
  const rename = patch.title !== undefined && patch.title !== conversation.title;
  if (patch.title !== undefined && conversation.kind !== "group") throw new DomainError("NOT_ALLOWED", "Only groups have a title.");
  if (rename && me.state === "request") throw new DomainError("NOT_ALLOWED", "Accept the group first.");

  let message: MessageView | null = null;
  if (rename || (patch.muted !== undefined && patch.muted !== me.muted)) {
    message = await db.$transaction(async (tx) => {
      let sys: MessageView | null = null;
      if (rename) {
        [{ message: sys }] = await appendInTx(tx, flavorOf(db), [
          { conversationId, senderId: userId, clientId: serverClientId(), kind: "system", systemEvent: { type: "group_renamed", title: patch.title } },
        ]);
        await tx.conversation.update({ where: { id: conversationId }, data: { title: patch.title } });
      }
      if (patch.muted !== undefined) {
        await tx.conversationMember.update({ where: { conversationId_userId: { conversationId, userId } }, data: { muted: patch.muted } });
      }
      return sys;
    });
  }
  if (rename && message) {
    const views = await conversationViewsFor(db, conversationId);
    pushViews("conversation:updated", views);
    pushMessageTo("message:new", conversation.members, message);
    return { conversation: views.get(userId)!, message };
  }
  const view = await myView(db, conversationId, userId);
  if (patch.muted !== undefined && patch.muted !== me.muted) pushViews("conversation:updated", [[userId, view]]);
  return { conversation: view, message };
}

/** The recipient of a request accepts it: media may follow, their reads show. */
export async function acceptConversation(db: Db, userId: string, conversationId: string): Promise<ConversationView> {
  const { me } = await loadForMember(db, conversationId, userId);
  if (me.state !== "request") return myView(db, conversationId, userId);
  await db.conversationMember.update({ where: { conversationId_userId: { conversationId, userId } }, data: { state: "accepted" } });
  const views = await conversationViewsFor(db, conversationId);
  pushViews("conversation:updated", views);
  return views.get(userId)!;
}

/**
 * Deleting a conversation from one's inbox. A 1:1 or an accepted group is hidden up to
 * its last message (it comes back with the next one, showing only what follows). A group
 * request is declined: the caller leaves the group.
 */
export async function deleteConversation(db: Db, userId: string, conversationId: string): Promise<void> {
  const { conversation, me } = await loadForMember(db, conversationId, userId);
  if (conversation.kind === "group" && me.state === "request") {
    await leaveConversation(db, userId, conversationId);
    return;
  }
  await db.conversationMember.updateMany({
    where: { conversationId, userId, hiddenUpToSeq: { lt: conversation.lastSeq } },
    data: { hiddenUpToSeq: conversation.lastSeq },
  });
  pushRemoved([userId], conversationId);
}
