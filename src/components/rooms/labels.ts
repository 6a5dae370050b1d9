// Catalogue keys for the rooms' enums, so components never spell them out.
import type { RoomAudience, RoomRole } from "@/shared/schemas/rooms";

export const audienceKey: Record<RoomAudience, "audienceSubscribers" | "audienceFanclub" | "audienceBoth"> = {
  subscribers: "audienceSubscribers",
  fanclub: "audienceFanclub",
  both: "audienceBoth",
};

export const roleKey: Record<RoomRole, "roleCreator" | "roleModerator" | "roleMember"> = {
  creator: "roleCreator",
  moderator: "roleModerator",
  member: "roleMember",
};

/** The offered time-out durations, in minutes, with their labels. */
export const durationKey: Record<number, "minutes10" | "hours1" | "hours24" | "days7"> = {
  10: "minutes10",
  60: "hours1",
  1440: "hours24",
  10080: "days7",
};
