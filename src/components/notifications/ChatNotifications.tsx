"use client";
import { useEffect, useState } from "react";
import type { ChatEngine } from "@/client/chat/engine";
import { chatEngine } from "@/client/chat/instance";
import { Notifier } from "./Notifier";

/** The tab's chat engine (started here if no chat page did) feeding the notifier, on every signed-in page. */
export function ChatNotifications({ me }: { me: string }) {
  const [engine, setEngine] = useState<ChatEngine | null>(null);
  useEffect(() => setEngine(chatEngine(me)), [me]);
  return engine ? <Notifier me={me} source={engine} /> : null;
}
