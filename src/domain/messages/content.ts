// What a message body may hold: the one content rule for every way a message arrives
// (a DM or group send, a conversation start, a room topic; HTTP and socket alike).
// `classify` is the pure rule over the body and where it goes; `acceptContent` adds what
// needs the database (the post, the quoted message, the uploads) and the nudity
// screening at send, so no path can store a body another path refuses.
import type { Db } from "@/db/client";
import { seesSeq } from "@/domain/conversations/visibility";
import { DomainError, notFound } from "@/domain/errors";
import { mediaStorage } from "@/domain/media/storage";
import { publicAccount } from "@/domain/platform/privacy";
import { visualNeedsScreening } from "@/domain/safety/policy";
import { screenVisuals } from "@/domain/safety/screen-before-delivery";
import { VISUALS } from "@/shared/limits";
import type { MessageBody, MessageKind } from "@/shared/schemas/messages";

export interface Classified {
  kind: Exclude<MessageKind, "system">;
  text: string | null;
  sharedPostId: string | null;
  /** The uploads to attach in order: the visuals, or the one voice note. */
  mediaIds: string[];
  replyToId: string | null;
}

/** Where a body goes, as far as its content is concerned. */
export interface ContentPlace {
  conversationKind: "direct" | "group" | "topic";
  /** The conversation has no message yet: this body opens it (a start). */
  opening: boolean;
  /** A 1:1 whose recipient has not accepted the request yet. */
  requestPending: boolean;
}

export const isMediaKind = (kind: MessageKind) => kind === "visual" || kind === "voice";

export const mediaFirst = () => new DomainError("MEDIA_FIRST_NOT_ALLOWED", "A conversation starts with a message or a shared post.", { details: { reason: "first_message" } });
export const mediaInRequest = () => new DomainError("MEDIA_FIRST_NOT_ALLOWED", "Photos, videos and voice notes can follow once they accept your request.", { details: { reason: "request_pending" } });

/**
 * Which kind a body makes, and whether it may go there: voiceNoteId → voice (alone);
 * mediaIds → visual (text is the caption); sharedPostId → post (text is a note with it);
 * otherwise text. Your own photos, videos and voice notes never open a conversation or
 * go with a request (rooms have neither).
 */
export function classify(body: MessageBody, place: ContentPlace): Classified {
  const text = body.text !== undefined && body.text.trim() !== "" ? body.text : null;
  const replyToId = body.replyToId ?? null;
  let message: Classified;
  if (body.voiceNoteId) {
    if (text || body.sharedPostId || body.mediaIds?.length) throw new DomainError("VALIDATION_FAILED", "A voice note is a message of its own.");
    message = { kind: "voice", text: null, sharedPostId: null, mediaIds: [body.voiceNoteId], replyToId };
  } else if (body.mediaIds?.length) {
    if (body.sharedPostId) throw new DomainError("VALIDATION_FAILED", "Send a post and photos as separate messages.");
    if (body.mediaIds.length > VISUALS.maxPerMessage) throw new DomainError("TOO_MANY_VISUALS", `At most ${VISUALS.maxPerMessage} photos and videos`);
    if (new Set(body.mediaIds).size !== body.mediaIds.length) throw new DomainError("VALIDATION_FAILED", "The same upload twice.");
    message = { kind: "visual", text, sharedPostId: null, mediaIds: body.mediaIds, replyToId };
  } else if (body.sharedPostId) {
    message = { kind: "post", text, sharedPostId: body.sharedPostId, mediaIds: [], replyToId };
  } else if (text) {
    message = { kind: "text", text, sharedPostId: null, mediaIds: [], replyToId };
  } else {
    throw new DomainError("VALIDATION_FAILED", "A message needs some content.");
  }
  if (isMediaKind(message.kind) && place.opening) throw mediaFirst();
  if (isMediaKind(message.kind) && place.requestPending) throw mediaInRequest();
  if (replyToId && place.opening) throw notFound("No such message to reply to");
  return message;
}

type FilterFacts = { birthDate: string; nudityFilter: boolean };

export interface ContentCheck {
  senderId: string;
  /** null: the conversation is being started (nothing to quote, nothing uploaded for it). */
  conversationId: string | null;
  place: ContentPlace;
  body: MessageBody;
  /** The sender sees only the messages after this seq: a reply must quote one of them. */
  visibleAfterSeq?: number;
  /**
   * The nudity filter's facts: the sender and everyone the message would reach. Without
   * them every visual is screened (rooms are, always; a start carries no visuals).
   */
  audience?: { sender: FilterFacts; recipients: readonly FilterFacts[] };
  /** A check of the caller's (a 1:1's gate), run alongside the lookups, before any screening. */
  gate?: () => Promise<unknown>;
}

/**
 * The whole content rule: classify, then what the body refers to (the post exists; the
 * quoted message is one of this conversation the sender can see; the uploads are the
 * sender's own, for this conversation, unsent, of the right kind: else the same 404),
 * then the nudity screening of the visuals for those it would reach. Nothing is stored.
 */
export async function acceptContent(db: Db, check: ContentCheck): Promise<Classified> {
  const message = classify(check.body, check.place);
  // Plain text refers to nothing: only the gate runs (most messages; no lookups to await together).
  if (!message.sharedPostId && !message.replyToId && !message.mediaIds.length) {
    await check.gate?.();
    return message;
  }
  const [media] = await Promise.all([checkReferences(db, check.senderId, check.conversationId, message, check.visibleAfterSeq ?? 0), check.gate?.()]);
  const { audience } = check;
  if (message.kind === "visual" && (!audience || visualNeedsScreening({ conversationKind: check.place.conversationKind, ...audience }))) {
    await screenVisuals(db, mediaStorage(), media);
  }
  return message;
}

async function checkReferences(db: Db, senderId: string, conversationId: string | null, message: Classified, visibleAfterSeq: number) {
  const [post, replyTo, media] = await Promise.all([
    // A private account's posts are not shared on (they stay with the people it follows back).
    message.sharedPostId ? db.post.findFirst({ where: { id: message.sharedPostId, creator: publicAccount() }, select: { id: true } }) : null,
    message.replyToId && conversationId ? db.message.findUnique({ where: { id: message.replyToId }, select: { conversationId: true, seq: true } }) : null,
    message.mediaIds.length
      ? db.media.findMany({
          where: { id: { in: message.mediaIds } },
          select: { id: true, ownerId: true, conversationId: true, messageId: true, kind: true, nudityScores: true, status: true },
        })
      : [],
  ]);
  if (message.sharedPostId && !post) throw notFound("No such post");
  if (message.replyToId && (!replyTo || replyTo.conversationId !== conversationId || !seesSeq({ hiddenUpToSeq: visibleAfterSeq }, replyTo.seq))) {
    throw notFound("No such message to reply to");
  }
  const byId = new Map(media.map((m) => [m.id, m]));
  const wantedKinds = message.kind === "voice" ? ["voice"] : ["image", "video"];
  const ordered = message.mediaIds.map((id) => byId.get(id));
  for (const m of ordered) {
    // Not yours, another conversation's, already sent, the wrong kind, or a video not ready (a held send waits for it): all the same 404.
    if (!m || m.ownerId !== senderId || m.conversationId !== conversationId || m.messageId || !wantedKinds.includes(m.kind) || m.status !== "ready") {
      throw notFound("No such upload");
    }
  }
  return ordered.map((m) => ({ id: m!.id, kind: m!.kind, nudityScores: m!.nudityScores }));
}
