// One engine (one socket) per tab and signed-in user, shared by every chat component
// and by notifications / the tab title (issue 11): `chatEngine(userId)` anywhere.
import { ChatEngine } from "./engine";
import { localOutboxStorage } from "./outbox";

const registry = globalThis as unknown as { __murmurChat?: ChatEngine & { userId?: string } };

export function chatEngine(userId: string): ChatEngine {
  const current = registry.__murmurChat;
  if (current && current.userId === userId) return current;
  current?.stop();
  const engine = Object.assign(new ChatEngine({ me: userId, storage: localOutboxStorage(userId), watchNetwork: true }), { userId });
  registry.__murmurChat = engine;
  engine.start();
  void engine.catchUp();
  return engine;
}

/** The running engine, if a chat page started one (for code that must not start it). */
export function runningChatEngine(): ChatEngine | undefined {
  return registry.__murmurChat;
}
