import { notFound, redirect } from "next/navigation";
import { AppShell } from "@/components/shell/AppShell";
import { JoinRoomCard } from "@/components/rooms/JoinRoomCard";
import { db } from "@/db/client";
import { isDomainError } from "@/domain/errors";
import { isRoomMember, roomByInviteCode } from "@/domain/rooms/rooms";
import { requireDmViewer } from "../../../_lib/viewer";

/** An invite link: the room's face and a join button; members go straight in. */
export default async function JoinByInvitePage({ params }: { params: Promise<{ inviteCode: string }> }) {
  const viewer = await requireDmViewer();
  const { inviteCode } = await params;
  const room = await roomByInviteCode(db(), inviteCode, viewer.id).catch((e) => (isDomainError(e) ? null : Promise.reject(e)));
  if (!room) notFound();
  if (await isRoomMember(db(), room.id, viewer.id)) redirect(`/rooms/${room.id}`);
  return (
    <AppShell viewer={viewer}>
      <JoinRoomCard room={room} invited />
    </AppShell>
  );
}
