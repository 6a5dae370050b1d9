import { registerConversationHandlers } from "./conversations";
import { answerUnknownEvents } from "./respond";
import { registerRoomHandlers } from "./rooms";
import type { MurmurSocket } from "./server";

/** Each capability registers its socket events here. */
export function registerHandlers(socket: MurmurSocket): void {
  registerConversationHandlers(socket);
  registerRoomHandlers(socket);
  answerUnknownEvents(socket);
}
