import { registerConversationHandlers } from "./conversations";
import type { MurmurSocket } from "./server";

/** Each capability registers its socket events here. */
export function registerHandlers(socket: MurmurSocket): void {
  registerConversationHandlers(socket);
}
