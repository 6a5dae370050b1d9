// A room as the browser holds it: the room, its topics, members and promotions, and each
// topic's messages; built from the first fetch and the room:* pushes alone.
import type { MessageMap } from "@/client/chat/message-map";
import type { ServerEventName, ServerEvents } from "@/shared/events";
import type { AnnouncementView, MemberView, PersonView, RoomView, TopicView } from "@/shared/room-views";
import type { MessageView } from "@/shared/views";

type RoomEventName = Extract<ServerEventName, `room:${string}`>;
/** One room push with its payload, as the contract in src/shared/events.ts types it. */
export type RoomEvent = { [E in RoomEventName]: { event: E; payload: ServerEvents[E] } }[RoomEventName];

export interface RoomState {
  me: string;
  room: RoomView;
  topics: TopicView[];
  members: MemberView[];
  announcements: AnnouncementView[];
  /** Who wrote what is held (members or not any more): for names and pictures. */
  authors: Record<string, PersonView>;
  /** Per topic id: its messages by seq. */
  messages: Record<string, MessageMap>;
  /** Per topic id: false once its oldest message is held; absent until its latest page is. */
  hasOlder: Record<string, boolean>;
  /**
   * The viewer is out of the room: banned, removed (a creator's block, an ended fan club),
   * or gone while away (the room answers 404: which of these, it does not say).
   */
  closed: "banned" | "removed" | "gone" | null;
}

/** Everything that changes a room's state: its pushes and fetch results. */
export type RoomAction =
  | RoomEvent
  | { event: "fetched"; room: RoomView; topics: TopicView[]; members: MemberView[]; announcements: AnnouncementView[] }
  | { event: "messages:fetched"; topicId: string; messages: MessageView[]; authors: PersonView[]; olderExhausted?: boolean }
  | { event: "closed"; reason: "gone" };
