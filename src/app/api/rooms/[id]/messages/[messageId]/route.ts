import { authedRoute, parseWith } from "@/app/api/_lib/route";
import { db } from "@/db/client";
import { DomainError } from "@/domain/errors";
import { deleteRoomMessage } from "@/domain/rooms/messages";
import { ZDeleteRoomMessage } from "@/shared/schemas/rooms";

/** Deletes for everyone; an optional {reason} goes into the moderation log. */
export const DELETE = authedRoute<{ id: string; messageId: string }>(async ({ req, params, userId }) => {
  const text = await req.text();
  let raw: unknown;
  try {
    raw = text ? JSON.parse(text) : undefined;
  } catch {
    throw new DomainError("VALIDATION_FAILED", "The body must be JSON.");
  }
  const body = parseWith(ZDeleteRoomMessage, raw);
  return { body: { message: await deleteRoomMessage(db(), { roomId: params.id, messageId: params.messageId, userId, reason: body?.reason }) } };
});
