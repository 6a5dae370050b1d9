// What a stored message is and how a retry is recognised: the pieces every write path
// shares (the group-commit writer, and messages written in a caller's transaction).
import crypto from "node:crypto";
import type { Db } from "@/db/client";
import { DomainError, type RateLimitState } from "@/domain/errors";
import type { Prisma } from "@/generated/sqlite/client";
import type { MessageKind } from "@/shared/schemas/messages";
import type { RateLimitRule } from "./rate-limit";
import { messageInclude, toMessageView, type MessageView } from "./view";

export interface NewMessage {
  conversationId: string;
  senderId: string;
  clientId: string;
  kind: MessageKind;
  text?: string | null;
  sharedPostId?: string | null;
  replyToId?: string | null;
  systemEvent?: unknown;
  /** Uploaded media (owned by the sender, not yet attached) to attach in this order. */
  mediaIds?: string[];
}

export type Tx = Prisma.TransactionClient;

export interface AppendOptions {
  /** Counts the message against this rate limit, and refuses it over the limit. A retry that returns the original does not count. */
  rateLimit?: RateLimitRule;
  /** The conversation's policy version the checks read (from a node's cache): refused with StalePolicyError if it has moved. */
  policyVersion?: number;
}

/** The checks of a send read a policy version that has moved since: they run again on fresh rows. */
export class StalePolicyError extends Error {
  override readonly name = "StalePolicyError";
  constructor() {
    super("the conversation changed while the message was checked");
  }
}

/**
 * By name, not `instanceof`: the writer is shared by every copy of this module in the process
 * (Next's bundles and the server's), so the error may come from another copy's class.
 */
export const isStalePolicyError = (e: unknown): boolean => e instanceof Error && e.name === "StalePolicyError";

export interface AppendResult {
  message: MessageView;
  /** false when this (sender, clientId) had been stored before: the original is returned. */
  created: boolean;
  /** The sender's rate limit after this message, when it was counted against one. */
  rateLimit?: RateLimitState;
}

/** A client id for messages the server makes (system messages). */
export const serverClientId = () => `server:${crypto.randomUUID()}`;

/**
 * A retry must be the same message: a clientId stored before for another conversation or
 * another body is refused (409 CLIENT_ID_REUSED) rather than answered with the old message,
 * which would lose the new one behind a success. An edited or unsent original is compared by
 * conversation and kind only.
 */
export function assertSameMessage(input: NewMessage, original: MessageView): void {
  const sameText = original.editedAt || original.deletedAt || (original.text ?? null) === (input.text ?? null);
  if (original.conversationId !== input.conversationId || original.kind !== input.kind || !sameText) {
    throw clientIdReused();
  }
}

export const clientIdReused = () => new DomainError("CLIENT_ID_REUSED", "This clientId belongs to another message.");

export async function findByClientId(db: Db | Tx, senderId: string, clientId: string): Promise<MessageView | null> {
  const row = await db.message.findUnique({ where: { senderId_clientId: { senderId, clientId } }, include: messageInclude });
  return row ? toMessageView(row) : null;
}
