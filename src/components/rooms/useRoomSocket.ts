"use client";
// One Socket.IO connection for a room view (the session cookie authenticates it). The
// server puts it in the channels of the rooms the user is in; handlers get every event
// of the room, and `onSynced` (after every connect, once the server has joined the
// socket to its rooms: "rooms:ready") lets the view fetch what it missed.
import { useEffect, useRef, useState } from "react";
import { io, type Socket } from "socket.io-client";
import type { ClientToServerEvents, ServerEventName, ServerEvents, ServerToClientEvents } from "@/shared/events";

type RoomEventName = Extract<ServerEventName, `room:${string}`>;
/** One room event with its payload, as the contract in src/shared/events.ts types it. */
export type RoomEvent = { [E in RoomEventName]: { event: E; payload: ServerEvents[E] } }[RoomEventName];
export type RoomEventHandler = (event: RoomEvent) => void;
export type RoomSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export function useRoomSocket(roomId: string, onEvent: RoomEventHandler, onSynced: () => void) {
  const [socket, setSocket] = useState<RoomSocket | null>(null);
  const [connected, setConnected] = useState(true);
  const handlers = useRef({ onEvent, onSynced });
  handlers.current = { onEvent, onSynced };

  useEffect(() => {
    const s: RoomSocket = io({ transports: ["websocket"], withCredentials: true });
    s.on("connect", () => setConnected(true));
    // A message posted before the socket joined the room's channel was pushed to nobody here.
    s.on("rooms:ready", ({ roomIds }) => {
      if (roomIds.includes(roomId)) handlers.current.onSynced();
    });
    s.on("disconnect", () => setConnected(false));
    // Every room event names its room: only this one's reach the view.
    s.onAny((event: string, payload: { roomId?: unknown } | undefined) => {
      if (event.startsWith("room:") && payload?.roomId === roomId) handlers.current.onEvent({ event, payload } as RoomEvent);
    });
    setSocket(s);
    return () => {
      s.close();
    };
  }, [roomId]);

  return { socket, connected };
}
