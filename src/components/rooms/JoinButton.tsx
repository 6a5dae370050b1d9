"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { roomsApi } from "./api";

export function JoinButton({ roomId, className = "button primary" }: { roomId: string; className?: string }) {
  const t = useTranslations("rooms");
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function join() {
    setBusy(true);
    setError(null);
    const res = await roomsApi("POST", `/api/rooms/${roomId}/join`);
    setBusy(false);
    if (!res.ok) {
      setError(res.error.message);
      if (res.error.code === "BANNED") router.refresh(); // the card then says they were banned, without Join
      return;
    }
    router.push(`/rooms/${roomId}`);
    router.refresh();
  }
  return (
    <div className="join-action">
      <button type="button" className={className} onClick={join} disabled={busy}>
        {busy ? t("joining") : t("join")}
      </button>
      {error && (
        <p className="form-error small" role="status" data-testid="join-error">
          {error}
        </p>
      )}
    </div>
  );
}
