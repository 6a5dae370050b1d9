// Uploads never attached to a message are deleted after a grace period (an offline
// outbox may send late): the row, then its objects. Objects that outlive their row (a
// failed delete, a crash during an upload) are found by the stray-object pass; abandoned
// temporary upload directories are removed too.
import fsp from "node:fs/promises";
import path from "node:path";
import type { Db } from "@/db/client";
import { UPLOADS } from "@/shared/limits";
import type { MediaStorage } from "./storage";
import { uploadTmpRoot } from "./upload";

/** `avatars/<userId>/<avatarId>.webp` → the URL a profile holds for it (see accounts/profile.ts). */
const avatarUrlOfKey = (key: string) => `/api/${key.replace(/\.webp$/, "")}`;

export interface SweepResult {
  media: number;
  strayObjects: number;
}

/** Keys look like `<yyyy>/<mm>/<mediaId>/<name>`: the month prefixes to look in for strays. */
function recentMonthPrefixes(now: Date): string[] {
  const prefixes: string[] = [];
  for (let back = 0; back < 2; back++) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - back, 1));
    prefixes.push(`${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, "0")}/`);
  }
  return prefixes;
}

export async function sweepOrphanMedia(db: Db, storage: MediaStorage, { now = new Date(), graceMs = UPLOADS.orphanGraceMs, tmpRoot = uploadTmpRoot() } = {}): Promise<SweepResult> {
  const cutoff = new Date(now.getTime() - graceMs);
  let media = 0;
  for (;;) {
    const batch = await db.media.findMany({
      // A room's picture is never sent in a message, yet is kept.
      where: { messageId: null, roomPicture: { is: null }, createdAt: { lt: cutoff } },
      select: { id: true, storageKey: true, thumbnailKey: true },
      take: 200,
    });
    if (!batch.length) break;
    for (const m of batch) {
      // The row goes first, and only if still unattached: a send racing the sweep either
      // attaches it (and the row stays) or finds it gone (404), never a message without files.
      const { count } = await db.media.deleteMany({ where: { id: m.id, messageId: null, roomPicture: { is: null } } });
      if (!count) continue;
      media++;
      try {
        await storage.delete(m.storageKey);
        if (m.thumbnailKey) await storage.delete(m.thumbnailKey);
      } catch (e) {
        console.error("media sweep: objects of", m.id, "left for the stray-object pass", e);
      }
    }
  }

  // Objects that no row refers to (written just before a crash).
  let strayObjects = 0;
  for (const prefix of recentMonthPrefixes(now)) {
    const keys = await storage.listOlderThan(cutoff, prefix);
    for (let i = 0; i < keys.length; i += 200) {
      const chunk = keys.slice(i, i + 200);
      const known = await db.media.findMany({
        where: { OR: [{ storageKey: { in: chunk } }, { thumbnailKey: { in: chunk } }] },
        select: { storageKey: true, thumbnailKey: true },
      });
      const referenced = new Set(known.flatMap((k) => [k.storageKey, k.thumbnailKey]));
      for (const key of chunk) {
        if (referenced.has(key)) continue;
        await storage.delete(key);
        strayObjects++;
      }
    }
  }

  // Profile pictures uploaded but never put on a profile (or replaced while a delete failed).
  const avatarKeys = await storage.listOlderThan(cutoff, "avatars/");
  for (let i = 0; i < avatarKeys.length; i += 200) {
    const chunk = avatarKeys.slice(i, i + 200);
    const urls = new Map(chunk.map((key) => [avatarUrlOfKey(key), key]));
    const inUse = await db.user.findMany({ where: { avatarUrl: { in: [...urls.keys()] } }, select: { avatarUrl: true } });
    const kept = new Set(inUse.map((u) => u.avatarUrl));
    for (const [url, key] of urls) {
      if (kept.has(url)) continue;
      await storage.delete(key);
      strayObjects++;
    }
  }

  await removeAbandonedUploads(tmpRoot, now);
  return { media, strayObjects };
}

/** Temporary upload directories older than an hour belong to a request that died. */
async function removeAbandonedUploads(root: string, now: Date): Promise<void> {
  const entries = await fsp.readdir(root, { withFileTypes: true }).catch(() => []);
  for (const entry of entries) {
    const full = path.join(root, entry.name);
    const s = await fsp.stat(full).catch(() => null);
    if (s && now.getTime() - s.mtimeMs > 60 * 60 * 1000) await fsp.rm(full, { recursive: true, force: true });
  }
}

/** Runs the sweep now and then every UPLOADS.sweepIntervalMs; the timer never keeps the process alive. */
export function startMediaSweeper(db: Db, storage: MediaStorage): () => void {
  const run = () =>
    sweepOrphanMedia(db, storage)
      .then((r) => {
        if (r.media || r.strayObjects) console.log(`media sweep: removed ${r.media} unsent uploads, ${r.strayObjects} stray objects`);
      })
      .catch((e) => console.error("media sweep failed", e));
  const first = setTimeout(run, 30_000);
  const timer = setInterval(run, UPLOADS.sweepIntervalMs);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
