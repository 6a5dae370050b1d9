"use client";
// The open room on the tab's chat engine (src/client/rooms/session.ts): one session per
// room, listening while the view is mounted; a server re-render (router.refresh) reseeds it.
import { useEffect, useMemo, useSyncExternalStore } from "react";
import type { ChatEngine } from "@/client/chat/engine";
import { RoomSession } from "@/client/rooms/session";
import type { RoomState } from "@/client/rooms/types";
import type { AnnouncementView, MemberView, RoomView, TopicView } from "@/shared/room-views";

interface Seed {
  room: RoomView;
  topics: TopicView[];
  members: MemberView[];
  announcements: AnnouncementView[];
}

export function useRoomSession(engine: ChatEngine, me: string, seed: Seed): { session: RoomSession; state: RoomState } {
  const { room, topics, members, announcements } = seed;
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new session per room; later server views reseed it (below)
  const session = useMemo(() => new RoomSession(engine, { me, room, topics, members, announcements }), [engine, me, room.id]);
  useEffect(() => {
    session.start();
    return () => session.stop();
  }, [session]);
  useEffect(() => session.reseed({ room, topics, members, announcements }), [session, room, topics, members, announcements]);
  const state = useSyncExternalStore(session.subscribe, session.snapshot, session.snapshot);
  return { session, state };
}
