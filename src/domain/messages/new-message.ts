// A message about to be written, as every write path prepares it (the group-commit writer,
// and a message written inside a caller's transaction): its id, its planned row, and its
// view afterwards.
import crypto from "node:crypto";
import type { PlannedMessage } from "./batch-plan";
import type { NewMessage } from "./message-record";
import type { RateLimitRule } from "./rate-limit";
import type { MessageView } from "./view";

/** An opaque unique id, time first: this process's random prefix and a counter (no random bytes per message). */
const processPrefix = crypto.randomBytes(6).toString("hex");
let idCounter = 0;
export const newMessageId = () => `m${Date.now().toString(36)}${processPrefix}${(idCounter++).toString(36)}`;

export function planMessage(input: NewMessage, createdAt: Date, rateLimit: RateLimitRule | null = null, policyVersion: number | null = null): PlannedMessage {
  return {
    id: newMessageId(),
    conversationId: input.conversationId,
    senderId: input.senderId,
    clientId: input.clientId,
    kind: input.kind,
    text: input.text ?? null,
    sharedPostId: input.sharedPostId ?? null,
    replyToId: input.replyToId ?? null,
    systemEvent: input.systemEvent ?? null,
    mediaIds: input.mediaIds ?? [],
    createdAt,
    rateLimit,
    policyVersion,
  };
}

/** The view of a message just written, from what was written (nothing to read back). */
export function newMessageView(m: PlannedMessage, seq: number): MessageView {
  const view: MessageView = {
    id: m.id,
    conversationId: m.conversationId,
    seq,
    clientId: m.clientId,
    senderId: m.senderId,
    kind: m.kind,
    reactions: [],
    createdAt: m.createdAt.toISOString(),
  };
  if (m.text != null) view.text = m.text;
  if (m.systemEvent != null) view.systemEvent = m.systemEvent;
  return view;
}

/** Replies, shared posts and uploads show what they point at: those views are read back. */
export const needsReadBack = (m: PlannedMessage) => m.replyToId != null || m.sharedPostId != null || m.mediaIds.length > 0;
