// Typing indicators: socket only, never stored, pushed to the other active members,
// at most once per WRITE_LIMITS.typing window per member and conversation (the rest is
// dropped silently: a flood of typing never reaches anyone). Nobody sees the typing of
// someone they blocked.
import type { Db } from "@/db/client";
import { DomainError } from "@/domain/errors";
import { events } from "@/domain/events";
import { withinLimit } from "@/domain/limits/consume";
import { loadForMember } from "./access";
import { blockersOf } from "./blocks";

export async function typing(db: Db, userId: string, conversationId: string): Promise<void> {
  const { conversation, me } = await loadForMember(db, conversationId, userId);
  // Someone who has not accepted a request does not show as typing.
  if (me.state === "request") return;
  const others = conversation.members.filter((m) => m.userId !== userId).map((m) => m.userId);
  if (conversation.kind === "direct" && others.length) {
    const block = await db.userBlock.findFirst({
      where: {
        OR: [
          { blockerId: userId, blockedId: others[0] },
          { blockerId: others[0], blockedId: userId },
        ],
      },
      select: { blockerId: true },
    });
    if (block) throw new DomainError("BLOCKED", "You can't message this person.");
  }
  if (!(await withinLimit("typing", `${userId}:${conversationId}`))) return;
  const blockers = await blockersOf(db, userId, others);
  events().toUsers(
    others.filter((id) => !blockers.has(id)),
    "typing",
    { conversationId, userId },
  );
}
