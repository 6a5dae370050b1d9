import Link from "next/link";
import { useTranslations } from "next-intl";
import type { RoomView } from "@/domain/rooms/view";
import { audienceKey, roleKey } from "./labels";

/** A room in a list: picture or initial, name, creator, audience, member count. */
export function RoomCard({ room, action }: { room: RoomView; action?: React.ReactNode }) {
  const t = useTranslations("rooms");
  return (
    <li className="room-card" data-testid="room-card">
      <span className="room-avatar" aria-hidden="true">
        {room.pictureUrl ? (
          // eslint-disable-next-line @next/next/no-img-element
          <img src={room.pictureUrl} alt="" />
        ) : (
          room.name.slice(0, 1).toUpperCase()
        )}
      </span>
      <div className="room-card-body">
        {room.myRole ? (
          <Link href={`/rooms/${room.id}`} className="room-card-name">
            {room.name}
          </Link>
        ) : (
          <span className="room-card-name">{room.name}</span>
        )}
        <span className="muted small">
          {t("by", { name: room.creator.displayName })} · {t(audienceKey[room.audience])} · <span data-testid="member-count">{t("members", { count: room.memberCount })}</span>
        </span>
        {room.description && <span className="room-card-description small">{room.description}</span>}
      </div>
      {room.myRole && room.myRole !== "member" && <span className={`role-badge role-${room.myRole}`}>{t(roleKey[room.myRole])}</span>}
      {action}
    </li>
  );
}
