"use client";
// A list the page shows from one GET (the account's devices, blocks, tokens, bots, webhooks):
// loaded once on mount, loaded again after a change; an error to show beside it.
import { useCallback, useEffect, useState } from "react";
import { callApi } from "./api";

export function useApiList<T>(path: string, key: string) {
  const [items, setItems] = useState<T[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    const res = await callApi<Record<string, T[]>>("GET", path);
    if (res.ok) setItems(res.body[key]);
    else setError(res.error.message);
  }, [path, key]);
  useEffect(() => void reload(), [reload]);
  return { items, setItems, error, setError, reload };
}
