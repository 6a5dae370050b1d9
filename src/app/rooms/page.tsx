import { AppShell } from "@/components/shell/AppShell";
import { RoomsDashboard } from "@/components/rooms/RoomsDashboard";
import { db } from "@/db/client";
import { creatorOffers } from "@/domain/platform/creators";
import { roomEligibility } from "@/domain/platform/room-eligibility";
import { listJoinableRooms, listMyRooms } from "@/domain/rooms/rooms";
import { requireDmViewer } from "../_lib/viewer";

export default async function RoomsPage() {
  const viewer = await requireDmViewer();
  const [rooms, joinable, eligibility, offers] = await Promise.all([
    listMyRooms(db(), viewer.id),
    listJoinableRooms(db(), viewer.id),
    roomEligibility(db(), viewer.id),
    creatorOffers(db(), viewer.id),
  ]);
  return (
    <AppShell viewer={viewer}>
      <RoomsDashboard rooms={rooms} joinable={joinable} eligibility={eligibility} offers={offers} />
    </AppShell>
  );
}
