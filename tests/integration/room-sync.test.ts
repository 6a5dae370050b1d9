// As chat-sync.test.ts does for conversations: each member's room state built from the
// room:* pushes alone (the browser's reducer, src/client/rooms/reducer.ts) must equal the
// state built from a fresh fetch, after a mix of everything members and staff do.
import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { needsRoomFetch, reduceRoom, roomState } from "@/client/rooms/reducer";
import type { RoomEvent, RoomState } from "@/client/rooms/types";
import type { Db } from "@/db/client";
import { MESSAGE } from "@/shared/limits";
import type { AnnouncementView, MemberView, PersonView, RoomView, TopicView } from "@/shared/room-views";
import type { MessageView } from "@/shared/views";
import type { BulkFan } from "../helpers/rooms";
import { createCreator, createFans, serverDb } from "../helpers/rooms";
import { startServer, type TestServer } from "../helpers/server";
import { connectSocket, emitWithAck, nextEvent } from "../helpers/socket";

let server: TestServer;
let db: Db;
beforeAll(async () => {
  server = await startServer();
  db = serverDb(server);
});
afterAll(async () => {
  await db?.$disconnect();
  await server?.stop();
});

interface Listener {
  user: BulkFan;
  socket: Socket;
  state: RoomState;
  events: number;
}

/** The room as a fresh fetch sees it: null when the viewer is out of it (404). */
async function fetchRoom(user: BulkFan, roomId: string): Promise<RoomState | null> {
  const base = `/api/rooms/${roomId}`;
  const room = await user.api.get<{ room: RoomView }>(base);
  if (room.status === 404) return null;
  expect(room.status).toBe(200);
  const [topics, members, announcements] = await Promise.all([
    user.api.get<{ topics: TopicView[] }>(`${base}/topics`),
    user.api.get<{ members: MemberView[] }>(`${base}/members`),
    user.api.get<{ announcements: AnnouncementView[] }>(`${base}/announcements`),
  ]);
  let state = roomState(user.id, { room: room.body.room, topics: topics.body.topics, members: members.body.members, announcements: announcements.body.announcements });
  for (const topic of topics.body.topics) {
    let after = 0;
    for (;;) {
      const page = await user.api.get<{ messages: MessageView[]; authors: PersonView[] }>(`${base}/topics/${topic.id}/messages?after=${after}&limit=${MESSAGE.pageSizeMax}`);
      expect(page.status).toBe(200);
      state = reduceRoom(state, { event: "messages:fetched", topicId: topic.id, ...page.body });
      if (page.body.messages.length < MESSAGE.pageSizeMax) break;
      after = page.body.messages.at(-1)!.seq;
    }
  }
  return state;
}

/** A member that only listens from here on: its state is the first fetch, then pushes alone. */
async function listen(user: BulkFan, roomId: string): Promise<Listener> {
  const socket = await connectSocket(server.url, user.token);
  const ready = await nextEvent<{ roomIds: string[] }>(socket, "rooms:ready");
  expect(ready.roomIds).toContain(roomId);
  const first = (await fetchRoom(user, roomId))!;
  const listener: Listener = { user, socket, state: first, events: 0 };
  socket.onAny((event: string, payload: unknown) => {
    if (!event.startsWith("room:")) return;
    listener.events += 1;
    const action = { event, payload } as RoomEvent;
    const refetch = needsRoomFetch(listener.state, action);
    listener.state = reduceRoom(listener.state, action);
    // The one follow-up the browser's session makes (made staff: the invite link): the room alone.
    if (refetch) void user.api.get<{ room: RoomView }>(`/api/rooms/${roomId}`).then((r) => (listener.state = { ...listener.state, room: r.body.room }));
  });
  return listener;
}

/** A post over a listener's socket: its message comes in the ack (the push skips the sending socket), applied as the browser's session does. */
async function postOver(listener: Listener, payload: { roomId: string; topicId: string; clientId: string; text: string }) {
  const ack = await emitWithAck(listener.socket, "room:message:send", payload);
  if (ack.ok) listener.state = reduceRoom(listener.state, { event: "room:message:new", payload: { roomId: payload.roomId, topicId: payload.topicId, message: ack.message } } as RoomEvent);
  return ack;
}

/** Waits until the pushes have stopped arriving. */
async function settled(listeners: Listener[]): Promise<void> {
  let before = -1;
  for (;;) {
    const now = listeners.reduce((n, l) => n + l.events, 0);
    if (now === before) return;
    before = now;
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** What must match: everything but who wrote what (authors come with fetched pages only) and paging. */
const comparable = (s: RoomState) => ({
  room: s.room,
  topics: s.topics,
  members: [...s.members].sort((a, b) => a.id.localeCompare(b.id)),
  announcements: s.announcements,
  messages: Object.fromEntries(Object.entries(s.messages).filter(([, byseq]) => Object.keys(byseq).length)),
});

describe("room state from pushed events equals a fresh fetch", () => {
  it("after messages, replies, reactions, deletes, topics, roles, timeouts, a ban, a leave, a join, a rename and a promotion", async () => {
    const creator = await createCreator(server, db);
    const room = (await creator.api.post("/api/rooms", { name: "Sync room", audience: "both" })).body.room as { id: string };
    const [mod, fan, banned, leaver, late] = await createFans(server, db, creator.id, 5);
    for (const f of [mod, fan, banned, leaver]) expect((await f.api.post(`/api/rooms/${room.id}/join`)).status).toBe(200);
    const base = `/api/rooms/${room.id}`;
    const general = (await creator.api.get(`${base}/topics`)).body.topics[0] as TopicView;
    // Something said before anyone listens: the first fetch brings it.
    expect((await fan.api.post(`${base}/topics/${general.id}/messages`, { clientId: "before", text: "early" })).status).toBe(201);

    const listeners = await Promise.all([creator, mod, fan, banned, leaver].map((u) => listen(u, room.id)));
    const [creatorL, modL, fanL, bannedL] = listeners;

    // Messages over the socket and HTTP, a reply, a retried client id.
    const hello = await postOver(fanL, { roomId: room.id, topicId: general.id, clientId: "f1", text: "hello all" });
    expect(hello.ok).toBe(true);
    await postOver(fanL, { roomId: room.id, topicId: general.id, clientId: "f1", text: "hello all" });
    const reply = await creator.api.post(`${base}/topics/${general.id}/messages`, { clientId: "c1", text: "welcome!", replyToId: hello.message.id });
    expect(reply.status).toBe(201);
    for (let i = 0; i < 4; i++) await postOver(bannedL, { roomId: room.id, topicId: general.id, clientId: `s${i}`, text: `spam ${i}` });

    // Staff: a moderator, a new topic with a message, reactions, a deleted message, a timeout, a ban.
    expect((await creator.api.post(`${base}/moderators`, { userId: mod.id })).status).toBeLessThan(300);
    const topic = await creator.api.post(`${base}/topics`, { title: "Setlist" });
    expect(topic.status).toBe(201);
    await postOver(modL, { roomId: room.id, topicId: topic.body.topic.id, clientId: "m1", text: "song 1?" });
    expect((await mod.api.post(`${base}/messages/${hello.message.id}/reactions`, { emoji: "👍" })).status).toBeLessThan(300);
    expect((await fan.api.post(`${base}/messages/${reply.body.message.id}/reactions`, { emoji: "🔥" })).status).toBeLessThan(300);
    expect((await fan.api.delete(`${base}/messages/${hello.message.id}`)).status).toBeLessThan(300); // the quoted one
    expect((await mod.api.post(`${base}/timeouts`, { userId: fan.id, minutes: 10 })).status).toBeLessThan(300);
    expect((await mod.api.post(`${base}/bans`, { userId: banned.id, reason: "spam" })).status).toBeLessThan(300);

    // Membership and the room's face: one leaves, one joins, a rename, slow mode, a promotion.
    expect((await leaver.api.post(`${base}/leave`)).status).toBeLessThan(300);
    expect((await late.api.post(`${base}/join`)).status).toBe(200);
    expect((await creator.api.patch(base, { name: "Sync room 2", slowModeSeconds: 5 })).status).toBe(200);
    const startsAt = new Date(Date.now() + 3_600_000).toISOString();
    expect((await creator.api.post(`${base}/announcements`, { kind: "live", title: "Going LIVE", startsAt })).status).toBe(201);
    await postOver(creatorL, { roomId: room.id, topicId: general.id, clientId: "c2", text: "see you at the LIVE" });

    await settled(listeners);
    for (const listener of listeners) {
      const fetched = await fetchRoom(listener.user, room.id);
      if (listener === bannedL || listener.user === leaver) {
        expect(fetched, `${listener.user.username} is out`).toBeNull();
        continue;
      }
      expect(comparable(listener.state), `state of ${listener.user.username}`).toEqual(comparable(fetched!));
    }
    // The banned member's view closed; the comparison saw real content, not two empty states.
    expect(bannedL.state.closed).toBe("banned");
    expect(fanL.state.room).toMatchObject({ name: "Sync room 2", slowModeSeconds: 5, memberCount: 4, timedOutUntil: expect.any(String) });
    expect(modL.state.room.myRole).toBe("moderator");
    expect(fanL.state.topics.map((t) => t.title)).toEqual([general.title, "Setlist"]);
    expect(Object.keys(fanL.state.messages[general.id])).toHaveLength(8);
    expect(fanL.state.members.map((m) => m.id)).toContain(late.id);
    for (const l of listeners) l.socket.close();
  });
});
