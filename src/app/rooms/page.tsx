import { AppShell } from "@/components/shell/AppShell";
import { RoomsDashboard } from "@/components/rooms/RoomsDashboard";
import { db } from "@/db/client";
import { roomEligibility } from "@/domain/platform/room-eligibility";
import { listJoinableRooms, listMyRooms } from "@/domain/rooms/rooms";
import { requireDmViewer } from "../_lib/viewer";

export default async function RoomsPage() {
  const viewer = await requireDmViewer();
  const [rooms, joinable, eligibility, profile] = await Promise.all([
    listMyRooms(db(), viewer.id),
    listJoinableRooms(db(), viewer.id),
    roomEligibility(db(), viewer.id),
    db().creatorProfile.findUnique({ where: { userId: viewer.id } }),
  ]);
  return (
    <AppShell viewer={viewer}>
      <RoomsDashboard rooms={rooms} joinable={joinable} eligibility={eligibility} offers={profile ? { subscriptionsEnabled: profile.subscriptionsEnabled, fanClubEnabled: profile.fanClubEnabled } : null} />
    </AppShell>
  );
}
