// Who may message whom. One place, used by every path that delivers a message to
// someone new (starting a 1:1, adding to a group, every send in a 1:1) and by people
// search, so that the UI never offers someone the server would refuse.
//
// The order of the checks is part of the contract:
//   1. under 16 on either side            → AGE_RESTRICTED
//      a bot reaching out to an under-18  → BOT_CANNOT_MESSAGE_MINOR (new contact only)
//   2. a block in either direction        → BLOCKED
//   3. the recipient's DM policy
//        nobody                           → NOT_ALLOWED
//        friends (mutual follows)         → NOT_ALLOWED unless friends
//        everyone                         → allowed
//   and when allowed: asRequest = the recipient does not follow the sender (the first
//   message lands in their Message requests).
import type { Db } from "@/db/client";
import { rawDb } from "@/db/raw";
import { sql } from "@/db/sql";
import { ageOf, effectiveDmPolicy } from "@/domain/accounts/view";
import { notFound } from "@/domain/errors";
import { AGE } from "@/shared/limits";

export type DeniedCode = "AGE_RESTRICTED" | "BOT_CANNOT_MESSAGE_MINOR" | "BLOCKED" | "NOT_ALLOWED";
export type MessagingPermission = { allowed: true; asRequest: boolean } | { allowed: false; code: DeniedCode };
export type GroupAddPermission = MessagingPermission;

const userColumns = { id: true, birthDate: true, dmPolicy: true, isBot: true } as const;
type PermissionUser = { id: string; birthDate: string; dmPolicy: string | null; isBot?: boolean };

/** The pure rule, over facts already loaded. Exported for batch callers and tests. */
export function decideMessaging(
  facts: {
    sender: PermissionUser;
    recipient: PermissionUser;
    blocked: boolean;
    senderFollowsRecipient: boolean;
    recipientFollowsSender: boolean;
    /** A send in an existing 1:1 (not new contact). */
    existingDirect?: boolean;
  },
  now: Date = new Date(),
): MessagingPermission {
  const { sender, recipient } = facts;
  if (sender.id === recipient.id) return { allowed: false, code: "NOT_ALLOWED" };
  if (ageOf(sender, now) < AGE.minimumForDMs || ageOf(recipient, now) < AGE.minimumForDMs) {
    return { allowed: false, code: "AGE_RESTRICTED" };
  }
  // A bot never reaches out to a minor first (new contact: a start, a group, an add). In a
  // 1:1 the minor opened, directSendPermission lets it answer under the usual rules.
  if (sender.isBot && !facts.existingDirect && ageOf(recipient, now) < AGE.adult) return { allowed: false, code: "BOT_CANNOT_MESSAGE_MINOR" };
  if (facts.blocked) return { allowed: false, code: "BLOCKED" };
  const policy = effectiveDmPolicy(recipient, now);
  if (policy === "nobody") return { allowed: false, code: "NOT_ALLOWED" };
  const friends = facts.senderFollowsRecipient && facts.recipientFollowsSender;
  if (policy === "friends" && !friends) return { allowed: false, code: "NOT_ALLOWED" };
  return { allowed: true, asRequest: !facts.recipientFollowsSender };
}

/**
 * May `senderId` message `recipientId`? Three small queries, run in parallel.
 * Throws NOT_FOUND when either account does not exist.
 */
export async function messagingPermission(db: Db, senderId: string, recipientId: string, now: Date = new Date()): Promise<MessagingPermission> {
  const result = await messagingPermissions(db, senderId, [recipientId], now);
  const permission = result.get(recipientId);
  if (!permission) throw notFound("No such user");
  return permission;
}

/**
 * The same rule for many recipients at once (people search, adding several members):
 * a constant number of queries whatever the list's length. Recipients that do not
 * exist are absent from the map. Throws NOT_FOUND when the sender does not exist.
 */
export async function messagingPermissions(db: Db, senderId: string, recipientIds: readonly string[], now: Date = new Date()): Promise<Map<string, MessagingPermission>> {
  const ids = [...new Set(recipientIds)];
  const result = new Map<string, MessagingPermission>();
  if (!ids.length) return result;
  const [users, blocks, follows] = await Promise.all([
    db.user.findMany({ where: { id: { in: [senderId, ...ids] } }, select: userColumns }),
    db.userBlock.findMany({
      where: {
        OR: [
          { blockerId: senderId, blockedId: { in: ids } },
          { blockedId: senderId, blockerId: { in: ids } },
        ],
      },
      select: { blockerId: true, blockedId: true },
    }),
    db.follow.findMany({
      where: {
        OR: [
          { followerId: senderId, followeeId: { in: ids } },
          { followeeId: senderId, followerId: { in: ids } },
        ],
      },
      select: { followerId: true, followeeId: true },
    }),
  ]);
  const byId = new Map(users.map((u) => [u.id, u]));
  const sender = byId.get(senderId);
  if (!sender) throw notFound("No such user");
  const blocked = new Set(blocks.map((b) => (b.blockerId === senderId ? b.blockedId : b.blockerId)));
  const following = new Set(follows.filter((f) => f.followerId === senderId).map((f) => f.followeeId));
  const followers = new Set(follows.filter((f) => f.followeeId === senderId).map((f) => f.followerId));
  for (const id of ids) {
    const recipient = byId.get(id);
    if (!recipient) continue;
    result.set(
      id,
      decideMessaging(
        {
          sender,
          recipient,
          blocked: blocked.has(id),
          senderFollowsRecipient: following.has(id),
          recipientFollowsSender: followers.has(id),
        },
        now,
      ),
    );
  }
  return result;
}

/**
 * May `adderId` put `userId` into a group? The same rule as a message from the adder
 * (the age gate, blocks either way between the two, the added person's DM policy),
 * because being added to a group is being messaged by its members. When allowed,
 * `asRequest` says the added person does not follow the adder: the group lands in
 * their Message requests. Blocks between the added person and other members do not
 * stop the add (as on TikTok); only the adder's relation counts.
 */
export async function canBeAddedToGroup(db: Db, adderId: string, userId: string, now: Date = new Date()): Promise<GroupAddPermission> {
  return messagingPermission(db, adderId, userId, now);
}

/**
 * The gate on every send in an existing 1:1, over rows the send path has loaded already.
 * Age and blocks always apply. The recipient's DM policy applies while they have not
 * accepted the conversation (it is still a request to them); once they accepted, or
 * when they started it, they chose to talk to the sender and the policy no longer stands
 * between the two (so a reply to a request always reaches its sender).
 */
export async function directSendPermission(
  db: Db,
  sender: PermissionUser,
  recipient: PermissionUser & { accepted: boolean },
  now: Date = new Date(),
  /** The pair's blocks and follows, when the caller has them (a node's send cache). */
  known?: readonly PairRelation[],
): Promise<MessagingPermission> {
  const relations = known ?? (await pairRelations(db, sender.id, recipient.id, { follows: !recipient.accepted }));
  const follow = (fromId: string) => relations.some((x) => x.relation === "follow" && x.fromId === fromId);
  return decideMessaging(
    {
      sender,
      recipient: recipient.accepted ? { ...recipient, dmPolicy: "everyone" } : recipient,
      blocked: relations.some((x) => x.relation === "block"),
      senderFollowsRecipient: recipient.accepted || follow(sender.id),
      recipientFollowsSender: recipient.accepted || follow(recipient.id),
      existingDirect: true,
    },
    now,
  );
}

/** A block or a follow between two people, and who made it. */
export type PairRelation = { relation: "block" | "follow"; fromId: string };

/** The blocks either way between two people, and (unless told not to) the follows either way: one raw query, on the hot path. */
export async function pairRelations(db: Db, a: string, b: string, { follows = true }: { follows?: boolean } = {}): Promise<PairRelation[]> {
  const raw = await rawDb(db);
  const followRows = follows ? sql` UNION ALL SELECT 'follow', "followerId" FROM "Follow" WHERE ("followerId" = ${a} AND "followeeId" = ${b}) OR ("followerId" = ${b} AND "followeeId" = ${a})` : sql``;
  return raw.all<PairRelation>(
    sql`SELECT 'block' AS "relation", "blockerId" AS "fromId" FROM "UserBlock" WHERE ("blockerId" = ${a} AND "blockedId" = ${b}) OR ("blockerId" = ${b} AND "blockedId" = ${a})${followRows}`,
  );
}

/** canBeAddedToGroup for several people at once (constant number of queries). */
export async function groupAddPermissions(db: Db, adderId: string, userIds: readonly string[], now: Date = new Date()): Promise<Map<string, GroupAddPermission>> {
  return messagingPermissions(db, adderId, userIds, now);
}
