// The one place a room's state changes: a pure function of (state, action). Pushes and
// fetch results go through the same door, so the state built from a room's events can be
// compared with a fresh fetch (tests/integration/room-sync.test.ts).
import { mergeMessages, replaceMessage } from "@/client/chat/message-map";
import type { AnnouncementView, MemberView, PersonView, RoomView, TopicView } from "@/shared/room-views";
import type { MessageView } from "@/shared/views";
import type { RoomAction, RoomState } from "./types";

export function roomState(me: string, seed: { room: RoomView; topics: TopicView[]; members: MemberView[]; announcements: AnnouncementView[] }): RoomState {
  return { me, ...seed, authors: {}, messages: {}, hasOlder: {}, closed: null };
}

export function reduceRoom(state: RoomState, action: RoomAction): RoomState {
  if (action.event !== "fetched" && action.event !== "messages:fetched" && action.event !== "closed" && action.payload.roomId !== state.room.id) return state;
  switch (action.event) {
    case "room:message:new":
      return withMessages(state, action.payload.topicId, [action.payload.message], true);
    case "room:message:updated":
    case "room:message:deleted":
      return withReplaced(state, action.payload.topicId, action.payload.message);
    case "messages:fetched": {
      const next = withAuthors(withMessages(state, action.topicId, action.messages, false), action.authors);
      if (action.olderExhausted === undefined) return next;
      return { ...next, hasOlder: { ...next.hasOlder, [action.topicId]: !action.olderExhausted } };
    }
    case "fetched":
      return { ...state, room: action.room, topics: action.topics, members: action.members, announcements: action.announcements };
    case "closed":
      return { ...state, closed: action.reason };
    case "room:member:joined": {
      const { member } = action.payload;
      if (state.members.some((m) => m.id === member.id)) return state;
      return withMembers(
        state,
        [...state.members, member].sort((a, b) => a.joinedAt.localeCompare(b.joinedAt)),
      );
    }
    case "room:member:left":
      return withoutMember(state, action.payload.userId, null);
    case "room:member:banned":
      return withoutMember(state, action.payload.userId, "banned");
    case "room:member:removed":
      return withoutMember(state, action.payload.userId, action.payload.reason === "banned" ? "banned" : "removed");
    case "room:member:updated": {
      const { userId, role } = action.payload.membership;
      const next = withMembers(
        state,
        state.members.map((m) => (m.id === userId ? { ...m, role } : m)),
      );
      if (userId !== state.me) return next;
      // Dismissed from staff: the invite link is no longer theirs to see.
      const { inviteCode: _staffOnly, ...room } = next.room;
      return { ...next, room: role === "member" ? { ...room, myRole: role } : { ...next.room, myRole: role } };
    }
    case "room:member:timedout": {
      const { userId, until } = action.payload;
      const next = withMembers(
        state,
        state.members.map((m) => (m.id === userId ? { ...m, timedOutUntil: until } : m)),
      );
      return userId === state.me ? { ...next, room: { ...next.room, timedOutUntil: until } } : next;
    }
    case "room:topic:new": {
      const { topic } = action.payload;
      if (state.topics.some((t) => t.id === topic.id)) return state;
      // As the server lists them: General first, then by creation.
      const topics = [...state.topics, topic].sort((a, b) => Number(b.isGeneral) - Number(a.isGeneral) || a.createdAt.localeCompare(b.createdAt));
      return { ...state, topics };
    }
    case "room:updated":
      return { ...state, room: { ...state.room, ...action.payload.room } };
    case "room:announcement": {
      const { announcement } = action.payload;
      const announcements = [...state.announcements.filter((a) => a.id !== announcement.id), announcement].sort((x, y) => x.startsAt.localeCompare(y.startsAt));
      return { ...state, announcements };
    }
  }
}

/**
 * What no push can carry: made staff, the viewer may now see the room's invite link, which
 * only the room's own fetch gives (pushes to the room's channel never include it).
 */
export function needsRoomFetch(state: RoomState, action: RoomAction): boolean {
  return action.event === "room:member:updated" && action.payload.membership.userId === state.me && action.payload.membership.role !== "member";
}

function withMessages(state: RoomState, topicId: string, incoming: MessageView[], live: boolean): RoomState {
  const held = state.messages[topicId] ?? {};
  const merged = mergeMessages(held, incoming, live);
  return merged === held ? state : { ...state, messages: { ...state.messages, [topicId]: merged } };
}

function withReplaced(state: RoomState, topicId: string, message: MessageView): RoomState {
  const held = state.messages[topicId];
  const replaced = held && replaceMessage(held, message);
  return replaced && replaced !== held ? { ...state, messages: { ...state.messages, [topicId]: replaced } } : state;
}

function withAuthors(state: RoomState, people: PersonView[]): RoomState {
  if (!people.length) return state;
  return { ...state, authors: { ...state.authors, ...Object.fromEntries(people.map((p) => [p.id, p])) } };
}

/** The member list changed: the room's count is its length (the server counts the same rows). */
function withMembers(state: RoomState, members: MemberView[]): RoomState {
  return { ...state, members, room: { ...state.room, memberCount: members.length } };
}

/**
 * Someone is out (their messages keep their name and picture); if it is the viewer and
 * they were put out, the room closes for them.
 */
function withoutMember(state: RoomState, userId: string, closedAs: "banned" | "removed" | null): RoomState {
  const member = state.members.find((m) => m.id === userId);
  const next = member
    ? withMembers(
        withAuthors(state, [{ id: member.id, username: member.username, displayName: member.displayName, avatarUrl: member.avatarUrl, isBot: member.isBot }]),
        state.members.filter((m) => m.id !== userId),
      )
    : state;
  return userId === state.me && closedAs ? { ...next, closed: closedAs } : next;
}
