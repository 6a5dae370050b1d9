// Who may fetch a media file, and which bytes. Members of the media's conversation who
// can see its message (not one sent before they joined) once it is sent; before that only
// its uploader. Everyone else: NOT_FOUND. A video still processing: NOT_FOUND to everyone.
import type { Readable } from "node:stream";
import type { Db } from "@/db/client";
import { DomainError, notFound } from "@/domain/errors";
import { seesSeq } from "@/domain/conversations/visibility";
import { requireTopicConversationAccess } from "@/domain/rooms/access";
import { mayViewRoomPicture } from "@/domain/rooms/picture";
import type { ByteRange, MediaStorage } from "./storage";

export type MediaVariant = "file" | "thumbnail";

export interface MediaObject {
  id: string;
  key: string;
  mime: string;
  ext: string;
}

export async function findViewableMedia(db: Db, viewerId: string, mediaId: string, variant: MediaVariant, options: { inviteCode?: string | null } = {}): Promise<MediaObject> {
  const media = await db.media.findUnique({
    where: { id: mediaId },
    include: { message: { select: { deletedAt: true, seq: true } } },
  });
  // A video still processing (its storage key is the unscreened original) or failed is nobody's to fetch.
  if (media?.status !== "ready") throw notFound("No such media");
  if (!media.messageId || !media.message) {
    // Unsent media is its uploader's, unless it is a room's picture.
    if (media.ownerId !== viewerId && !(await mayViewRoomPicture(db, media.id, viewerId, options.inviteCode))) throw notFound("No such media");
  } else {
    if (media.message.deletedAt) throw notFound("No such media"); // an unsent message takes its files with it
    if (!(await mayView(db, media.conversationId, media.message.seq, viewerId))) throw notFound("No such media");
  }
  if (variant === "thumbnail") {
    if (!media.thumbnailKey) throw notFound("No thumbnail");
    return { id: media.id, key: media.thumbnailKey, mime: "image/webp", ext: "webp" };
  }
  return { id: media.id, key: media.storageKey, mime: media.mime, ext: media.storageKey.split(".").pop() ?? "bin" };
}

/**
 * Active members of the conversation who can see the message; for a room topic, the
 * room's members (banned or left: no).
 */
async function mayView(db: Db, conversationId: string, seq: number, viewerId: string): Promise<boolean> {
  const topic = await requireTopicConversationAccess(db, conversationId, viewerId).catch((e) => {
    if (e instanceof DomainError) return false as const;
    throw e;
  });
  if (topic !== null) return topic !== false;
  const member = await db.conversationMember.findUnique({
    where: { conversationId_userId: { conversationId, userId: viewerId } },
    select: { leftAt: true, hiddenUpToSeq: true },
  });
  return !!member && !member.leftAt && seesSeq(member, seq);
}

export type RangeAnswer = { kind: "whole" } | { kind: "partial"; range: ByteRange } | { kind: "unsatisfiable" };

/**
 * Interprets an HTTP Range header for a file of `size` bytes. One range only (what
 * media players send); anything we do not understand is answered with the whole file.
 */
export function interpretRange(header: string | null, size: number): RangeAnswer {
  if (!header) return { kind: "whole" };
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === "" && m[2] === "")) return { kind: "whole" };
  let start: number;
  let end: number;
  if (m[1] === "") {
    const suffix = Number(m[2]); // the last N bytes
    if (suffix === 0) return { kind: "unsatisfiable" };
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1);
    if (m[2] !== "" && Number(m[2]) < start) return { kind: "whole" }; // invalid: ignore the header
  }
  if (start >= size || size === 0) return { kind: "unsatisfiable" };
  return { kind: "partial", range: { start, end } };
}

export interface MediaBody {
  stream: Readable;
  size: number;
  range: ByteRange | null;
}

/** The bytes to send, or `unsatisfiable` when the range lies outside the file (416). */
export async function readMedia(storage: MediaStorage, object: MediaObject, rangeHeader: string | null): Promise<MediaBody | { size: number; unsatisfiable: true }> {
  const stat = await storage.stat(object.key);
  if (!stat) throw notFound("No such media");
  const answer = interpretRange(rangeHeader, stat.bytes);
  if (answer.kind === "unsatisfiable") return { size: stat.bytes, unsatisfiable: true };
  const range = answer.kind === "partial" ? answer.range : null;
  const stream = await storage.read(object.key, range ?? undefined);
  if (!stream) throw notFound("No such media");
  return { stream, size: stat.bytes, range };
}
