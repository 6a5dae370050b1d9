"use client";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { RoomView } from "@/domain/rooms/view";
import { ROOMS } from "@/shared/limits";
import { uploadMedia } from "@/components/media/uploadMedia";
import { roomsApi } from "./api";

const SLOW_MODE_CHOICES = [0, 5, 10, 30, ROOMS.slowModeMaxSeconds];

/** Staff: slow mode and the invite link. The creator: announcements and leaving is not offered. */
export function SettingsPanel({ room, onRoom, pictureConversationId }: { room: RoomView; onRoom(room: RoomView): void; pictureConversationId: string }) {
  const t = useTranslations("rooms");
  const [status, setStatus] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);
  const invite = typeof window !== "undefined" && room.inviteCode ? `${window.location.origin}/rooms/join/${room.inviteCode}` : "";

  async function setSlowMode(seconds: number) {
    const res = await roomsApi<{ room: RoomView }>("PATCH", `/api/rooms/${room.id}`, { slowModeSeconds: seconds });
    if (res.ok) {
      onRoom(res.body.room);
      setStatus(t("saved"));
    } else setStatus(res.error.message);
  }

  // The picture is uploaded to the room (so it is screened like every visual there), then set.
  async function setPicture(file: File | undefined) {
    if (!file) return;
    setStatus("…");
    const upload = await uploadMedia({ file, conversationId: pictureConversationId });
    if (!upload.ok) return setStatus("code" in upload ? t("pictureRefused") : null);
    const res = await roomsApi<{ room: RoomView }>("PATCH", `/api/rooms/${room.id}`, { pictureMediaId: upload.media.id });
    if (res.ok) {
      onRoom(res.body.room);
      setStatus(t("saved"));
    } else setStatus(res.error.message);
  }

  async function announce(e: React.FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const local = String(data.get("startsAt") ?? "");
    const res = await roomsApi("POST", `/api/rooms/${room.id}/announcements`, {
      kind: data.get("kind"),
      title: data.get("title"),
      startsAt: local ? new Date(local).toISOString() : "",
      url: String(data.get("url") ?? "") || undefined,
    });
    if (res.ok) {
      form.reset();
      setStatus(t("saved"));
    } else setStatus(res.error.message);
  }

  return (
    <div className="settings-panel">
      <label className="settings-row">
        <span>{t("slowMode")}</span>
        <select value={room.slowModeSeconds} onChange={(e) => setSlowMode(Number(e.target.value))} data-testid="slow-mode">
          {SLOW_MODE_CHOICES.map((s) => (
            <option key={s} value={s}>
              {s === 0 ? t("slowModeOff") : t("slowModeSeconds", { seconds: s })}
            </option>
          ))}
        </select>
      </label>
      {invite && (
        <div className="settings-row">
          <label htmlFor="invite-link">{t("inviteLink")}</label>
          <div className="row">
            <input id="invite-link" readOnly value={invite} data-testid="invite-link" onFocus={(e) => e.currentTarget.select()} />
            <button
              type="button"
              className="button"
              onClick={async () => {
                await navigator.clipboard?.writeText(invite).catch(() => {});
                setCopied(true);
              }}
            >
              {copied ? t("copied") : t("copy")}
            </button>
          </div>
        </div>
      )}
      {room.myRole === "creator" && (
        <label className="settings-row">
          <span>{t("picture")}</span>
          <input type="file" accept="image/*" data-testid="room-picture" onChange={(e) => void setPicture(e.currentTarget.files?.[0])} />
        </label>
      )}
      {room.myRole === "creator" && (
        <form className="form" onSubmit={announce} aria-labelledby="announce-title">
          <h3 id="announce-title" className="room-section-title">
            {t("newAnnouncement")}
          </h3>
          <label>
            {t("announcementKind")}
            <select name="kind" defaultValue="live">
              <option value="live">{t("kindLive")}</option>
              <option value="launch">{t("kindLaunch")}</option>
            </select>
          </label>
          <label>
            {t("announcementTitle")}
            <input name="title" required maxLength={ROOMS.announcementTitleMax} />
          </label>
          <label>
            {t("startsAt")}
            <input name="startsAt" type="datetime-local" required />
          </label>
          <label>
            {t("link")}
            <input name="url" type="url" inputMode="url" maxLength={ROOMS.announcementUrlMax} />
          </label>
          <button type="submit" className="button primary">
            {t("pin")}
          </button>
        </form>
      )}
      {status && (
        <p className="small muted" role="status">
          {status}
        </p>
      )}
    </div>
  );
}
