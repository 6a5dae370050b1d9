// A message sent with videos still processing: held, seen by nobody (it is not a message
// yet: no seq, no history, no inbox), until every video in it is ready. Then it is sent
// by sendMessage, the one write path, with its clientId, so every check runs as if it were
// sent then (membership, blocks, content, screening) and a retry dedupes as usual; the
// sender's message:new resolves its outbox. If a video fails, or the send is refused once
// they are ready, the sender hears message:failed with the code. Held sends live in the
// database: a restart releases them when their jobs finish.
import type { Db } from "@/db/client";
import { loadForMember } from "@/domain/conversations/access";
import { DomainError, isDomainError, notFound } from "@/domain/errors";
import { events } from "@/domain/events";
import type { ErrorCode } from "@/shared/errors";
import type { HeldSendView } from "@/shared/events";
import type { MessageBody } from "@/shared/schemas/messages";
import { clientIdReused, findByClientId } from "./append";
import { type SendOrigin, type SendResult, sendMessage } from "./send";

export type SendOrHoldResult = (SendResult & { held?: undefined }) | { message: null; held: HeldSendView; created: true; rateLimit?: undefined };

const noSuchUpload = () => notFound("No such upload");

/** sendMessage, unless some of the body's videos are still processing: then the send is held (see above). */
export async function sendOrHold(db: Db, senderId: string, conversationId: string, body: MessageBody, how: SendOrigin = {}): Promise<SendOrHoldResult> {
  const mediaIds = body.mediaIds ?? [];
  const waiting = mediaIds.length
    ? await db.media.findMany({
        where: { id: { in: mediaIds }, status: { not: "ready" } },
        select: { id: true, ownerId: true, conversationId: true, messageId: true, status: true, failureCode: true },
      })
    : [];
  if (!waiting.length) return sendMessage(db, senderId, conversationId, body, how);

  // Only the uploader attaches a processing video, in its conversation: anyone else's id is the same 404 as at send.
  await loadForMember(db, conversationId, senderId);
  for (const m of waiting) if (m.ownerId !== senderId || m.conversationId !== conversationId || m.messageId) throw noSuchUpload();
  const failed = waiting.find((m) => m.status === "failed");
  if (failed) throw new DomainError((failed.failureCode ?? "UNSUPPORTED_MEDIA") as ErrorCode, "The video could not be processed.");

  const held: HeldSendView = { clientId: body.clientId, mediaIds };
  const existing = await db.heldSend.findUnique({ where: { senderId_clientId: { senderId, clientId: body.clientId } } });
  if (existing) {
    if (existing.conversationId !== conversationId || existing.body !== JSON.stringify(body)) throw clientIdReused();
    return { message: null, held, created: true }; // a retry of the held send
  }
  if (await findByClientId(db, senderId, body.clientId)) throw clientIdReused();
  // A video waits for one message only.
  const others = await db.heldSend.findMany({ where: { senderId, conversationId }, select: { mediaIds: true } });
  if (others.some((o) => (JSON.parse(o.mediaIds) as string[]).some((id) => mediaIds.includes(id)))) throw noSuchUpload();
  await db.heldSend.create({ data: { senderId, conversationId, clientId: body.clientId, body: JSON.stringify(body), mediaIds: JSON.stringify(mediaIds) } }).catch((e: { code?: string }) => {
    if (e?.code !== "P2002") throw e; // a concurrent retry stored it first
  });
  return { message: null, held, created: true };
}

type HeldRow = { id: string; senderId: string; conversationId: string; clientId: string; body: string; mediaIds: string };

/** Sends or fails the held sends whose videos have all settled; leaves the rest waiting. */
async function settle(db: Db, rows: HeldRow[]): Promise<void> {
  if (!rows.length) return;
  const ids = [...new Set(rows.flatMap((r) => JSON.parse(r.mediaIds) as string[]))];
  const media = new Map((await db.media.findMany({ where: { id: { in: ids } }, select: { id: true, status: true, failureCode: true } })).map((m) => [m.id, m]));
  for (const row of rows) {
    const wanted = (JSON.parse(row.mediaIds) as string[]).map((id) => media.get(id));
    if (wanted.some((m) => m?.status === "processing")) continue;
    const missing = wanted.some((m) => !m);
    const failed = wanted.find((m) => m?.status === "failed");
    if (missing || failed) {
      await fail(db, row, missing ? "NOT_FOUND" : (failed!.failureCode ?? "UNSUPPORTED_MEDIA"), "The video could not be processed.");
      continue;
    }
    try {
      await sendMessage(db, row.senderId, row.conversationId, JSON.parse(row.body) as MessageBody);
      await db.heldSend.deleteMany({ where: { id: row.id } });
    } catch (e) {
      if (!isDomainError(e)) throw e; // the database: the next poll tries again
      await fail(db, row, e.code, e.message);
    }
  }
}

async function fail(db: Db, row: HeldRow, code: string, message: string): Promise<void> {
  const { count } = await db.heldSend.deleteMany({ where: { id: row.id } });
  if (count) events().toUsers([row.senderId], "message:failed", { conversationId: row.conversationId, clientId: row.clientId, error: { code, message } });
}

/** After a video's job settled: the held sends of its uploader in its conversation. */
export async function releaseHeldSends(db: Db, mediaId: string): Promise<void> {
  const media = await db.media.findUnique({ where: { id: mediaId }, select: { ownerId: true, conversationId: true } });
  if (!media) return;
  const rows = await db.heldSend.findMany({ where: { senderId: media.ownerId, conversationId: media.conversationId }, orderBy: { createdAt: "asc" } });
  await settle(
    db,
    rows.filter((r) => (JSON.parse(r.mediaIds) as string[]).includes(mediaId)),
  );
}

/** The oldest held sends, settled if they can be: what a crash between a job and its release left behind. */
export async function settleHeldSends(db: Db, batch = 50): Promise<void> {
  await settle(db, await db.heldSend.findMany({ orderBy: { createdAt: "asc" }, take: batch }));
}
