// Socket events of conversations and messages: the same use cases as the HTTP routes,
// with an ack. See src/shared/events.ts for the list.
import { db } from "@/db/client";
import { markRead } from "@/domain/conversations/read";
import { startConversation } from "@/domain/conversations/start";
import { typing } from "@/domain/conversations/typing";
import { editMessage, reactToMessage, unsendMessage } from "@/domain/messages/change";
import { sendOrHold } from "@/domain/messages/held";
import { onEvent } from "./respond";
import type { MurmurSocket } from "./server";

export function registerConversationHandlers(socket: MurmurSocket): void {
  onEvent(socket, "message:send", async ({ conversationId, ...body }, { userId }) => {
    const result = await sendOrHold(db(), userId, conversationId, body, { origin: socket.id });
    return result.held ? { message: null, held: result.held } : { message: result.message };
  });
  onEvent(socket, "conversation:start", async (input, { userId }) => startConversation(db(), userId, input));
  onEvent(socket, "conversation:read", async ({ conversationId, seq }, { userId }) => markRead(db(), userId, conversationId, seq));
  onEvent(socket, "typing", async ({ conversationId }, { userId }) => {
    await typing(db(), userId, conversationId);
    return {};
  });
  onEvent(socket, "message:react", async ({ messageId, emoji }, { userId }) => ({ message: await reactToMessage(db(), userId, messageId, emoji) }));
  onEvent(socket, "message:edit", async ({ messageId, text }, { userId }) => ({ message: await editMessage(db(), userId, messageId, text) }));
  onEvent(socket, "message:unsend", async ({ messageId }, { userId }) => ({ message: await unsendMessage(db(), userId, messageId) }));
}
