import { useTranslations } from "next-intl";
import type { RoomEligibility } from "@/domain/platform/room-eligibility";
import type { RoomView } from "@/domain/rooms/view";
import type { RoomAudience } from "@/shared/schemas/rooms";
import { CreateRoomForm } from "./CreateRoomForm";
import { EligibilityCard } from "./EligibilityCard";
import { JoinButton } from "./JoinButton";
import { RoomCard } from "./RoomCard";
import "./rooms.css";

/** /rooms: my rooms, rooms I can join, and creating one (or why I can't yet). */
export function RoomsDashboard({
  rooms,
  joinable,
  eligibility,
  offers,
}: {
  rooms: RoomView[];
  joinable: RoomView[];
  eligibility: RoomEligibility;
  /** The creator's switches; null for someone who is no creator. */
  offers: { subscriptionsEnabled: boolean; fanClubEnabled: boolean } | null;
}) {
  const t = useTranslations("rooms");
  const owned = rooms.filter((r) => r.myRole === "creator").length;
  const audiences: RoomAudience[] = [
    ...(offers?.subscriptionsEnabled ? (["subscribers"] as const) : []),
    ...(offers?.fanClubEnabled ? (["fanclub"] as const) : []),
    ...(offers?.subscriptionsEnabled && offers.fanClubEnabled ? (["both"] as const) : []),
  ];
  return (
    <div className="rooms-dashboard">
      <h1 className="rooms-heading">{t("dashboardTitle")}</h1>
      <div className="rooms-columns">
        <div className="rooms-column">
          <section className="rooms-card" aria-labelledby="my-rooms-title">
            <h2 id="my-rooms-title">{t("myRooms")}</h2>
            {rooms.length ? (
              <ul className="room-list" data-testid="my-rooms">
                {rooms.map((r) => (
                  <RoomCard key={r.id} room={r} />
                ))}
              </ul>
            ) : (
              <p className="muted">{t("noRooms")}</p>
            )}
          </section>
          <section className="rooms-card" aria-labelledby="joinable-title">
            <h2 id="joinable-title">{t("joinable")}</h2>
            <p className="muted small">{t("joinableHint")}</p>
            {joinable.length ? (
              <ul className="room-list" data-testid="joinable-rooms">
                {joinable.map((r) => (
                  <RoomCard key={r.id} room={r} action={<JoinButton roomId={r.id} className="button" />} />
                ))}
              </ul>
            ) : (
              <p className="muted">{t("noJoinable")}</p>
            )}
          </section>
        </div>
        {(offers || eligibility.eligible) && (
          <div className="rooms-column">{eligibility.eligible ? <CreateRoomForm owned={owned} audiences={audiences} /> : <EligibilityCard eligibility={eligibility} />}</div>
        )}
      </div>
    </div>
  );
}
