"use client";
import { createContext, useCallback, useContext, useMemo, useRef, useState } from "react";

type Politeness = "polite" | "assertive";
type Announce = (message: string, politeness?: Politeness) => void;

const AnnouncerContext = createContext<Announce>(() => {});

/**
 * One pair of live regions for the whole app (mounted in the root layout). Components
 * announce through `useAnnounce()` instead of making regions of their own, so a screen
 * reader hears each thing once: new messages politely; errors assertively. Typing
 * indicators should not be announced at all.
 */
export function LiveAnnouncerProvider({ children }: { children: React.ReactNode }) {
  const [messages, setMessages] = useState<Record<Politeness, string>>({ polite: "", assertive: "" });
  const timers = useRef<Partial<Record<Politeness, ReturnType<typeof setTimeout>>>>({});
  const announce = useCallback<Announce>((message, politeness = "polite") => {
    // Clear first so the same words twice are announced twice.
    setMessages((m) => ({ ...m, [politeness]: "" }));
    clearTimeout(timers.current[politeness]);
    timers.current[politeness] = setTimeout(() => setMessages((m) => ({ ...m, [politeness]: message })), 100);
  }, []);
  const value = useMemo(() => announce, [announce]);
  return (
    <AnnouncerContext.Provider value={value}>
      {children}
      <div className="visually-hidden" role="status" aria-live="polite" aria-atomic="true" data-testid="live-polite">
        {messages.polite}
      </div>
      <div className="visually-hidden" aria-live="assertive" aria-atomic="true" data-testid="live-assertive">
        {messages.assertive}
      </div>
    </AnnouncerContext.Provider>
  );
}

/** `announce("New message from Sam: hi")`; `announce(error, "assertive")` for errors. */
export const useAnnounce = (): Announce => useContext(AnnouncerContext);
