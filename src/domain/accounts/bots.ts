// Bot accounts: a User flagged isBot with an owner (an adult). A bot has no password and
// cannot log in; it speaks through personal access tokens its owner makes for it. It is
// shown as a bot everywhere (isBot in user and member views), may not open a conversation
// with anyone under 18 (BOT_CANNOT_MESSAGE_MINOR, src/domain/conversations/permissions.ts),
// and has its own message rate tier (BOT_MESSAGE_RATE_LIMIT, src/domain/messages/rate-limit.ts).
import type { Db } from "@/db/client";
import { consumeLimit } from "@/domain/limits/consume";
import { DomainError } from "@/domain/errors";
import { ageOn } from "@/shared/age";
import { AGE, RESERVED_USERNAMES, TOKENS } from "@/shared/limits";
import type { BotCreateInput } from "@/shared/schemas/tokens";

export interface BotView {
  id: string;
  username: string;
  displayName: string;
  avatarUrl: string | null;
  isBot: true;
  createdAt: string;
}

/** Bots can never sign in with a password: this is no hash any password verifies against. */
export const BOT_PASSWORD_HASH = "!bot";

const isReserved = (username: string) => (RESERVED_USERNAMES as readonly string[]).includes(username.replace(/[._]/g, ""));

const toView = (u: { id: string; username: string; displayName: string; avatarUrl: string | null; createdAt: Date }): BotView => ({
  id: u.id,
  username: u.username,
  displayName: u.displayName,
  avatarUrl: u.avatarUrl,
  isBot: true,
  createdAt: u.createdAt.toISOString(),
});

export async function createBot(db: Db, ownerId: string, input: BotCreateInput, now = new Date()): Promise<BotView> {
  const owner = await db.user.findUnique({ where: { id: ownerId }, select: { birthDate: true, isBot: true } });
  if (!owner || owner.isBot) throw new DomainError("FORBIDDEN", "Bots cannot own bots.");
  if (ageOn(owner.birthDate, now) < AGE.adult) throw new DomainError("BOT_OWNER_TOO_YOUNG", `You must be ${AGE.adult} or older to create a bot.`);
  await consumeLimit("tokenCreate", ownerId);
  if (isReserved(input.username)) throw new DomainError("USERNAME_RESERVED", "That username is reserved.");
  const count = await db.user.count({ where: { botOwnerId: ownerId } });
  if (count >= TOKENS.botsPerOwner) throw new DomainError("BOT_LIMIT_REACHED", `At most ${TOKENS.botsPerOwner} bots.`);
  const taken = await db.user.findUnique({ where: { username: input.username }, select: { id: true } });
  if (taken) throw new DomainError("USERNAME_TAKEN", "That username is taken.");
  try {
    const bot = await db.user.create({
      // The owner's birth date: the bot counts as an adult for the age rules (the owner is one).
      data: { username: input.username, displayName: input.displayName, birthDate: owner.birthDate, passwordHash: BOT_PASSWORD_HASH, isBot: true, botOwnerId: ownerId },
    });
    return toView(bot);
  } catch (e) {
    if ((e as { code?: string }).code === "P2002") throw new DomainError("USERNAME_TAKEN", "That username is taken.");
    throw e;
  }
}

export async function listBots(db: Db, ownerId: string): Promise<BotView[]> {
  const bots = await db.user.findMany({ where: { botOwnerId: ownerId, isBot: true }, orderBy: { createdAt: "asc" } });
  return bots.map(toView);
}
