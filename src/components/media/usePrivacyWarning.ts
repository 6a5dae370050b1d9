"use client";
// Whether the privacy warning must be shown before visuals go out: always for 16-17,
// for adults until they tick "don't show again" (kept in the account's settings).
import { useCallback, useEffect, useRef, useState } from "react";
import { AGE } from "@/shared/limits";

interface MeSettings {
  age: number;
  settings: { privacyWarningDismissed: boolean };
}

const mustWarnFor = (me: MeSettings | null) => !me || me.age < AGE.adult || !me.settings.privacyWarningDismissed;

export function usePrivacyWarning() {
  const [me, setMe] = useState<MeSettings | null>(null);
  const loading = useRef<Promise<MeSettings | null> | null>(null);

  useEffect(() => {
    let live = true;
    loading.current = fetch("/api/me")
      .then((res) => (res.ok ? res.json() : null))
      .then((body) => (body?.user as MeSettings) ?? null)
      .catch(() => null);
    void loading.current.then((user) => live && setMe(user));
    return () => {
      live = false;
    };
  }, []);

  /** Waits for the account if it is still loading; without it, warns (the safe side). */
  const mustWarn = useCallback(async () => mustWarnFor((await loading.current) ?? null), []);

  const dismissForGood = useCallback(async () => {
    const res = await fetch("/api/me/settings", {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ privacyWarningDismissed: true }),
    });
    if (res.ok) {
      const user = (await res.json()).user as MeSettings;
      loading.current = Promise.resolve(user);
      setMe(user);
    }
  }, []);

  return { mustWarn, canDismiss: (me?.age ?? 0) >= AGE.adult, dismissForGood };
}
