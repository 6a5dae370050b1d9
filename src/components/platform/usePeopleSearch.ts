"use client";
// Debounced people search; a late answer for an old query never overwrites a newer one.
import { useEffect, useState } from "react";
import type { PersonResult } from "@/domain/platform/people";
import { callApi } from "./api";

const DEBOUNCE_MS = 200;

export function usePeopleSearch(query: string) {
  const [people, setPeople] = useState<PersonResult[]>([]);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    const q = query.trim();
    if (!q) {
      setPeople([]);
      setBusy(false);
      return;
    }
    let current = true;
    setBusy(true);
    const timer = setTimeout(async () => {
      const res = await callApi<{ users: PersonResult[] }>("GET", `/api/users?query=${encodeURIComponent(q)}`);
      if (!current) return;
      setPeople(res.ok ? res.body.users : []);
      setBusy(false);
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [query]);
  return { people, busy };
}
