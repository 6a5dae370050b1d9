import Link from "next/link";
import { useTranslations } from "next-intl";
import type { RoomView } from "@/domain/rooms/view";
import { JoinButton } from "./JoinButton";
import { audienceKey } from "./labels";
import "./rooms.css";

/** A room seen from outside: who runs it, for whom, how many are in, and a join button. */
export function JoinRoomCard({ room, invited = false }: { room: RoomView; invited?: boolean }) {
  const t = useTranslations("rooms");
  return (
    <section className="rooms-card join-card" aria-labelledby="join-title" data-testid="join-card">
      <span className="room-avatar large" aria-hidden="true">
        {room.name.slice(0, 1).toUpperCase()}
      </span>
      {invited && !room.viewerBanned && <p className="muted small">{t("inviteTitle")}</p>}
      <h1 id="join-title">{room.name}</h1>
      <p>{t("inviteFor", { room: room.name, creator: room.creator.displayName, audience: t(audienceKey[room.audience]) })}</p>
      {room.description && <p className="muted">{room.description}</p>}
      <p className="muted small">{t("members", { count: room.memberCount })}</p>
      {room.viewerBanned ? (
        <p className="form-error" role="status" data-testid="join-banned">
          {t("bannedNotice", { room: room.name })}
        </p>
      ) : (
        <JoinButton roomId={room.id} />
      )}
      <Link href="/rooms" className="small">
        {t("backToRooms")}
      </Link>
    </section>
  );
}
