"use client";
import { useEffect, useState, useSyncExternalStore } from "react";
import { ChatEngine, type ChatSnapshot } from "@/client/chat/engine";
import { chatEngine } from "@/client/chat/instance";
import { memoryOutboxStorage } from "@/client/chat/outbox";

/**
 * The tab's engine, created on the first render in the browser. While rendering on the
 * server there is no socket: an engine that is never started renders the loading state.
 */
export function useChatEngine(userId: string): ChatEngine {
  const [engine] = useState(() => (typeof window === "undefined" ? new ChatEngine({ me: userId, storage: memoryOutboxStorage() }) : chatEngine(userId)));
  return engine;
}

export function useChat(engine: ChatEngine): ChatSnapshot {
  return useSyncExternalStore(engine.subscribe, engine.snapshot, () => engine.initialSnapshot);
}

/** Re-renders every `ms` while `active` (typing indicators expire on their own). */
export function useTicker(ms: number, active: boolean): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = setInterval(() => setNow(Date.now()), ms);
    return () => clearInterval(timer);
  }, [ms, active]);
  return now;
}
