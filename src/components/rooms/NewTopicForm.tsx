"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ROOMS } from "@/shared/limits";
import { roomsApi } from "./api";

export function NewTopicForm({ roomId }: { roomId: string }) {
  const t = useTranslations("rooms");
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [title, setTitle] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    const res = await roomsApi<{ topic: { id: string } }>("POST", `/api/rooms/${roomId}/topics`, { title });
    setBusy(false);
    if (!res.ok) return setError(res.error.message);
    setTitle("");
    setOpen(false);
    router.push(`/rooms/${roomId}?topic=${res.body.topic.id}`);
    router.refresh();
  }

  if (!open) {
    return (
      <button type="button" className="button new-topic-button" onClick={() => setOpen(true)}>
        + {t("newTopic")}
      </button>
    );
  }
  return (
    <form className="form new-topic-form" onSubmit={submit}>
      <label>
        {t("topicTitle")}
        <input value={title} onChange={(e) => setTitle(e.target.value)} placeholder={t("topicPlaceholder")} maxLength={ROOMS.topicTitleMax} required autoFocus />
      </label>
      {error && (
        <p className="form-error small" role="status">
          {error}
        </p>
      )}
      <div className="row">
        <button type="submit" className="button primary" disabled={busy}>
          {t("openTopic")}
        </button>
        <button type="button" className="button" onClick={() => setOpen(false)}>
          {t("cancel")}
        </button>
      </div>
    </form>
  );
}
