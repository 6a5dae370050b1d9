"use client";
import { useEffect, useState } from "react";

export interface PersonResult {
  id: string;
  username: string;
  displayName: string;
  avatarUrl: string | null;
  isBot: boolean;
  canMessage: boolean;
}

/** People matching a query (GET /api/users?query=), debounced; stale answers are dropped. */
export function usePeopleSearch(query: string): { people: PersonResult[]; loading: boolean } {
  const [result, setResult] = useState<{ query: string; people: PersonResult[] }>({ query: "", people: [] });
  const trimmed = query.trim();
  useEffect(() => {
    if (!trimmed) return;
    const controller = new AbortController();
    const timer = setTimeout(async () => {
      try {
        const res = await fetch(`/api/users?query=${encodeURIComponent(trimmed)}`, { signal: controller.signal, cache: "no-store" });
        const body = res.ok ? await res.json() : { users: [] };
        setResult({ query: trimmed, people: body.users ?? [] });
      } catch {
        /* aborted or offline: keep the last answer */
      }
    }, 200);
    return () => (clearTimeout(timer), controller.abort());
  }, [trimmed]);
  if (!trimmed) return { people: [], loading: false };
  return { people: result.people, loading: result.query !== trimmed };
}
