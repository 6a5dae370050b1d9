"use client";
// One Socket.IO connection for a room view (the session cookie authenticates it). The
// server puts it in the channels of the rooms the user is in; handlers get every event
// of the room, and `onReconnect` lets the view fetch what it missed.
import { useEffect, useRef, useState } from "react";
import { io, type Socket } from "socket.io-client";

export type RoomEventHandler = (event: string, payload: { roomId?: string } & Record<string, unknown>) => void;

export function useRoomSocket(roomId: string, onEvent: RoomEventHandler, onReconnect: () => void) {
  const [socket, setSocket] = useState<Socket | null>(null);
  const [connected, setConnected] = useState(true);
  const handlers = useRef({ onEvent, onReconnect });
  handlers.current = { onEvent, onReconnect };

  useEffect(() => {
    const s = io({ transports: ["websocket"], withCredentials: true });
    let wasConnected = false;
    s.on("connect", () => {
      setConnected(true);
      if (wasConnected) handlers.current.onReconnect();
      wasConnected = true;
    });
    s.on("disconnect", () => setConnected(false));
    s.onAny((event: string, payload: { roomId?: string } & Record<string, unknown>) => {
      if (event.startsWith("room:") && payload?.roomId === roomId) handlers.current.onEvent(event, payload);
    });
    setSocket(s);
    return () => {
      s.close();
    };
  }, [roomId]);

  return { socket, connected };
}
