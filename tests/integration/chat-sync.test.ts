// In Zulip's spirit: each client's state built from the events the server pushed must
// equal the state built from a fresh fetch, after a mix of everything users do.
import type { Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { toChatEvent } from "@/client/chat/events";
import { emptyState, reduce } from "@/client/chat/reducer";
import type { ChatState, ConversationView, MessageView } from "@/client/chat/types";
import { MESSAGE } from "@/shared/limits";
import { createUser, type TestUser } from "../helpers/api";
import { startServer, type TestServer } from "../helpers/server";
import { connectSocket, emitWithAck, pushesArrived } from "../helpers/socket";

let server: TestServer;
beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server?.stop());

/** A client that only listens: its state is built from pushed events alone. */
interface Listener {
  user: TestUser;
  socket: Socket;
  state: ChatState;
  events: number;
}

async function listen(user: TestUser): Promise<Listener> {
  const socket = await connectSocket(server.url, user.token);
  const listener: Listener = { user, socket, state: emptyState(user.id), events: 0 };
  listener.state = reduce(listener.state, { type: "inbox:fetched", conversations: [] });
  socket.onAny((name: string, payload: unknown) => {
    const event = toChatEvent(name, payload, 0);
    if (!event || event.type === "typing") return; // typing is ephemeral, never fetched
    listener.events += 1;
    listener.state = reduce(listener.state, event);
  });
  return listener;
}

/** A send over a listener's socket: its message comes in the ack (the push skips the sending socket), applied as the client engine does. */
async function sendOver(listener: Listener, payload: Record<string, unknown>) {
  const ack = await emitWithAck(listener.socket, "message:send", payload);
  const event = ack.ok ? toChatEvent("message:new", { message: ack.message }, 0) : null;
  if (event) listener.state = reduce(listener.state, event);
  return ack;
}

/** The same user's state from scratch: the inbox, then every conversation's messages. */
async function fetchState(user: TestUser): Promise<ChatState> {
  const inbox = await user.api.get<{ conversations: ConversationView[] }>("/api/conversations");
  expect(inbox.status).toBe(200);
  let state = reduce(emptyState(user.id), { type: "inbox:fetched", conversations: inbox.body.conversations });
  for (const c of inbox.body.conversations) {
    let after = 0;
    for (;;) {
      const page = await user.api.get<{ messages: MessageView[] }>(`/api/conversations/${c.id}/messages?after=${after}&limit=${MESSAGE.pageSizeMax}`);
      expect(page.status).toBe(200);
      state = reduce(state, { type: "messages:fetched", conversationId: c.id, messages: page.body.messages });
      if (page.body.messages.length < MESSAGE.pageSizeMax) break;
      after = page.body.messages.at(-1)!.seq;
    }
  }
  return state;
}

/**
 * Waits until every push the server sent after the actions has arrived: the server pushes
 * after each commit, before answering, so a marker push asked for now comes after them all.
 */
async function settled(listeners: Listener[]): Promise<void> {
  await Promise.all(listeners.map((l) => pushesArrived(l.user, l.socket)));
}

/**
 * What must match. Members are a set: the server lists them by joinedAt, which ties for the
 * two members of a 1:1 (created together), so two reads may list a tie in either order.
 */
const comparable = (s: ChatState) => ({
  conversations: Object.fromEntries(Object.entries(s.conversations).map(([id, c]) => [id, { ...c, members: [...c.members].sort((a, b) => a.id.localeCompare(b.id)) }])),
  messages: s.messages,
});

async function follow(a: TestUser, b: TestUser) {
  await a.api.post(`/api/users/${b.id}/follow`);
  await b.api.post(`/api/users/${a.id}/follow`);
}

describe("client state from pushed events equals a fresh fetch", () => {
  it("after sends, edits, reactions, unsends, reads and membership changes", async () => {
    const [ana, ben, cem, dia] = await Promise.all([1, 2, 3, 4].map(() => createUser(server.url)));
    for (const [a, b] of [
      [ana, ben],
      [ana, cem],
      [ana, dia],
      [ben, cem],
      [ben, dia],
      [cem, dia],
    ] as const)
      await follow(a, b);
    const listeners = await Promise.all([ana, ben, cem, dia].map(listen));

    // A 1:1 and a group, over HTTP.
    const direct = await ana.api.post("/api/conversations", { kind: "direct", userId: ben.id, message: { clientId: "d1", text: "hi Ben" } });
    expect(direct.status).toBe(201);
    const directId = direct.body.conversation.id as string;
    const group = await ana.api.post("/api/conversations", { kind: "group", title: "Trip", memberIds: [ben.id, cem.id], message: { clientId: "g1", text: "who's in?" } });
    expect(group.status).toBe(201);
    const groupId = group.body.conversation.id as string;

    // Sends over the socket and over HTTP, a reply, a retried client id.
    const benHi = await sendOver(listeners[1], { conversationId: directId, clientId: "b1", text: "hey Ana https://example.org" });
    expect(benHi.ok).toBe(true);
    await sendOver(listeners[1], { conversationId: directId, clientId: "b1", text: "hey Ana https://example.org" });
    const cemMsg = await cem.api.post(`/api/conversations/${groupId}/messages`, { clientId: "c1", text: "me!", replyToId: group.body.message.id });
    expect(cemMsg.status).toBe(201);
    for (let i = 0; i < 5; i++) await sendOver(listeners[0], { conversationId: groupId, clientId: `a${i}`, text: `plan ${i}` });

    // Edit, react (and change the reaction), unsend, read.
    expect((await ana.api.patch(`/api/messages/${group.body.message.id}`, { text: "who's in? (Sat)" })).status).toBe(200);
    expect((await ben.api.request("PUT", `/api/messages/${cemMsg.body.message.id}/reaction`, { emoji: "👍" })).status).toBe(200);
    expect((await cem.api.request("PUT", `/api/messages/${cemMsg.body.message.id}/reaction`, { emoji: "❤️" })).status).toBe(200);
    expect((await cem.api.request("PUT", `/api/messages/${cemMsg.body.message.id}/reaction`, { emoji: "😂" })).status).toBe(200);
    expect((await ana.api.delete(`/api/messages/${benHi.message.id}`)).status).not.toBe(200); // not hers to unsend
    expect((await ben.api.delete(`/api/messages/${benHi.message.id}`)).status).toBe(200);
    expect((await ana.api.post(`/api/conversations/${directId}/read`, { seq: 2 })).status).toBeLessThan(300);
    expect((await ben.api.post(`/api/conversations/${groupId}/read`, { seq: 3 })).status).toBeLessThan(300);

    // Membership: add Dia, Ana removes Cem, rename, Ben mutes.
    expect((await ben.api.post(`/api/conversations/${groupId}/members`, { userIds: [dia.id] })).status).toBeLessThan(300);
    expect((await ana.api.delete(`/api/conversations/${groupId}/members/${cem.id}`)).status).toBeLessThan(300);
    expect((await ana.api.patch(`/api/conversations/${groupId}`, { title: "Trip 2" })).status).toBe(200);
    expect((await ben.api.patch(`/api/conversations/${groupId}`, { muted: true })).status).toBe(200);
    await sendOver(listeners[3], { conversationId: groupId, clientId: "dia1", text: "thanks for adding me" });

    await settled(listeners);
    for (const listener of listeners) {
      const fetched = await fetchState(listener.user);
      expect(comparable(listener.state), `state of ${listener.user.username}`).toEqual(comparable(fetched));
    }
    // The comparison saw real content, not two empty states.
    expect(Object.keys(listeners[1].state.conversations)).toHaveLength(2);
    expect(Object.keys(listeners[0].state.messages[groupId] ?? {}).length).toBeGreaterThan(7);
    for (const l of listeners) l.socket.close();
  });
});
