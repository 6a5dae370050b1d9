// Which users have webhooks on, and for which events: read on every push, so kept in memory
// per process and read again from the database at most every few seconds (a hook made on
// another node starts receiving within that time; on this node, at once).
import type { Db } from "@/db/client";

const TTL_MS = 5_000;

export type HookUsers = Map<string, { hookId: string; events: Set<string> }[]>;

const registry = globalThis as unknown as { __murmurHookUsers?: { at: number; users: Promise<HookUsers> } };

export function forgetHookUsers(): void {
  registry.__murmurHookUsers = undefined;
}

export function hookUsers(db: Db, now = Date.now()): Promise<HookUsers> {
  const held = registry.__murmurHookUsers;
  if (held && now - held.at < TTL_MS) return held.users;
  const users = db.webhook.findMany({ where: { disabledAt: null }, select: { id: true, userId: true, events: true } }).then((rows) => {
    const map: HookUsers = new Map();
    for (const row of rows) map.set(row.userId, [...(map.get(row.userId) ?? []), { hookId: row.id, events: new Set(JSON.parse(row.events) as string[]) }]);
    return map;
  });
  registry.__murmurHookUsers = { at: now, users };
  users.catch(() => forgetHookUsers()); // a failed read is tried again on the next push
  return users;
}
