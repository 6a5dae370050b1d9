"use client";
// Whether the privacy warning must be shown before visuals go out: always for 16-17,
// for adults until they tick "don't show again" (kept in the account's settings).
import { useCallback, useEffect, useState } from "react";
import { AGE } from "@/shared/limits";

interface MeSettings {
  age: number;
  settings: { privacyWarningDismissed: boolean };
}

export function usePrivacyWarning() {
  const [me, setMe] = useState<MeSettings | null>(null);

  useEffect(() => {
    let live = true;
    fetch("/api/me")
      .then((res) => (res.ok ? res.json() : null))
      .then((body) => live && body?.user && setMe(body.user))
      .catch(() => {});
    return () => {
      live = false;
    };
  }, []);

  const canDismiss = (me?.age ?? 0) >= AGE.adult;
  // Until the account is known, warn: it is the safe side.
  const mustWarn = !me || !canDismiss || !me.settings.privacyWarningDismissed;

  const dismissForGood = useCallback(async () => {
    const res = await fetch("/api/me/settings", {
      method: "PATCH",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ privacyWarningDismissed: true }),
    });
    if (res.ok) setMe((await res.json()).user);
  }, []);

  return { mustWarn, canDismiss, dismissForGood };
}
