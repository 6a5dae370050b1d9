// What the viewer may do to someone, mirroring the server's rule (which decides):
// the creator acts on anyone else; a moderator only on plain members.
import type { RoomRole } from "@/shared/schemas/rooms";

export const isStaffRole = (role?: RoomRole) => role === "creator" || role === "moderator";

export function canModerate(viewer: { id: string; role?: RoomRole }, target: { id: string; role?: RoomRole }): boolean {
  if (!isStaffRole(viewer.role) || viewer.id === target.id || target.role === "creator") return false;
  return viewer.role === "creator" || target.role !== "moderator";
}
