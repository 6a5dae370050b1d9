"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ROOMS } from "@/shared/limits";
import { ROOM_AUDIENCES, type RoomAudience } from "@/shared/schemas/rooms";
import { roomsApi } from "./api";
import { audienceKey } from "./labels";

export function CreateRoomForm({ owned, audiences }: { owned: number; audiences: RoomAudience[] }) {
  const t = useTranslations("rooms");
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const full = owned >= ROOMS.maxRoomsPerCreator;

  async function submit(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    setBusy(true);
    setError(null);
    const res = await roomsApi<{ room: { id: string } }>("POST", "/api/rooms", {
      name: String(data.get("name") ?? ""),
      description: String(data.get("description") ?? "") || undefined,
      audience: String(data.get("audience")),
    });
    setBusy(false);
    if (!res.ok) return setError(res.error.message);
    router.push(`/rooms/${res.body.room.id}`);
  }

  return (
    <section className="rooms-card" aria-labelledby="create-room-title">
      <h2 id="create-room-title">{t("createTitle")}</h2>
      <p className="muted small">
        {t("createHint", { max: ROOMS.maxRoomsPerCreator, participants: ROOMS.maxParticipants })} {t("roomsUsed", { count: owned, max: ROOMS.maxRoomsPerCreator })}
      </p>
      <form className="form" onSubmit={submit}>
        <label>
          {t("name")}
          <input name="name" required maxLength={ROOMS.nameMax} disabled={full} />
        </label>
        <label>
          {t("description")}
          <textarea name="description" rows={2} maxLength={ROOMS.descriptionMax} disabled={full} />
        </label>
        <label>
          {t("audience")}
          <select name="audience" defaultValue={audiences.includes("both") ? "both" : audiences[0]} disabled={full}>
            {ROOM_AUDIENCES.filter((a) => audiences.includes(a)).map((a) => (
              <option key={a} value={a}>
                {t(audienceKey[a])}
              </option>
            ))}
          </select>
        </label>
        {error && (
          <p className="form-error" role="status" data-testid="create-room-error">
            {error}
          </p>
        )}
        <button className="button primary" type="submit" disabled={busy || full}>
          {busy ? t("creating") : t("create")}
        </button>
      </form>
    </section>
  );
}
