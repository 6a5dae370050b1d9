import type { Db } from "@/db/client";
import { notFound } from "@/domain/errors";
import { events } from "@/domain/events";
import type { SettingsUpdate } from "@/shared/schemas/accounts";
import { toMe, type Me } from "./view";

/**
 * Changes any of the account's own settings (already validated by ZSettingsUpdate; the
 * nudity filter has its own rule in me.ts). The user's other tabs and devices hear
 * `me:settings`, and their sockets switch language with it.
 */
export async function updateSettings(db: Db, userId: string, update: SettingsUpdate): Promise<Me> {
  const exists = await db.user.findUnique({ where: { id: userId }, select: { id: true } });
  if (!exists) throw notFound("No such account");
  const data = Object.fromEntries(Object.entries(update).filter(([, value]) => value !== undefined));
  const me = toMe(await db.user.update({ where: { id: userId }, data }));
  events().toUsers([userId], "me:settings", me.settings);
  return me;
}
