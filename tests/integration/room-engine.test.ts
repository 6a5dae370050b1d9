// A room on the browser's engine, run in Node against the real server: room messages go
// through the tab's one outbox (in order, once), slow mode holds a message and sends it
// when the wait is over without holding other chats, and after a dropped connection or a
// lost push the room's topic is complete again.
import { describe, expect, it } from "vitest";
import { ChatEngine } from "@/client/chat/engine";
import { memoryOutboxStorage } from "@/client/chat/outbox";
import { RoomSession } from "@/client/rooms/session";
import type { AnnouncementView, MemberView, RoomView, TopicView } from "@/shared/room-views";
import type { TestUser } from "../helpers/api";
import { befriend } from "../helpers/chat";
import { createCreator, createFans, serverDb } from "../helpers/rooms";
import type { TestServer } from "../helpers/server";
import { serverPerFile } from "../helpers/server-per-file";

let server: TestServer;
serverPerFile((s) => (server = s));

/** Resolves once `check` holds (checked on every change of either). */
function until(sources: { subscribe(l: () => void): () => void }[], check: () => boolean, timeoutMs = 15_000): Promise<void> {
  return new Promise((resolve, reject) => {
    if (check()) return resolve();
    const stops: (() => void)[] = [];
    const done = (error?: Error) => {
      clearTimeout(timer);
      for (const stop of stops) stop();
      error ? reject(error) : resolve();
    };
    const timer = setTimeout(() => done(new Error("condition not met in time")), timeoutMs);
    for (const source of sources) stops.push(source.subscribe(() => check() && done()));
  });
}

/** A creator's room with one fan in it; the fan's engine and session, the room open on General. */
async function fanInRoom() {
  const db = serverDb(server);
  const creator = await createCreator(server, db);
  const room = (await creator.api.post("/api/rooms", { name: "Engine room", audience: "both" })).body.room as RoomView;
  const [fan] = await createFans(server, db, creator.id, 1);
  expect((await fan.api.post(`/api/rooms/${room.id}/join`)).status).toBe(200);
  const base = `/api/rooms/${room.id}`;
  const [view, topics, members, announcements] = await Promise.all([
    fan.api.get<{ room: RoomView }>(base),
    fan.api.get<{ topics: TopicView[] }>(`${base}/topics`),
    fan.api.get<{ members: MemberView[] }>(`${base}/members`),
    fan.api.get<{ announcements: AnnouncementView[] }>(`${base}/announcements`),
  ]);
  const engine = new ChatEngine({ me: fan.id, storage: memoryOutboxStorage(), baseUrl: server.url, token: fan.token });
  const session = new RoomSession(engine, { me: fan.id, room: view.body.room, topics: topics.body.topics, members: members.body.members, announcements: announcements.body.announcements });
  session.start();
  const ready = new Promise<void>((resolve) => {
    const stop = engine.onRoomsReady((ids) => ids.includes(room.id) && (stop(), resolve()));
  });
  engine.start();
  await ready;
  const general = topics.body.topics[0];
  await session.open(general.id);
  return { db, creator, fan, room, general, engine, session, base };
}

const texts = (session: RoomSession, topicId: string) =>
  Object.values(session.snapshot().messages[topicId] ?? {})
    .sort((a, b) => a.seq - b.seq)
    .map((m) => m.text);

describe("a room on the chat engine", () => {
  it("sends a burst through the tab's outbox in the order written, each once, and empties it", async () => {
    const { fan, general, engine, session, base } = await fanInRoom();
    const burst = Array.from({ length: 10 }, (_, i) => `r${i}`);
    for (const text of burst) session.send(general, { text });
    expect(engine.snapshot().outbox.map((i) => i.room?.topicId)).toEqual(burst.map(() => general.id)); // queued at once, before any ack
    await until([engine, session], () => engine.snapshot().outbox.length === 0 && texts(session, general.id).length === burst.length);
    expect(texts(session, general.id)).toEqual(burst);
    const stored = await fan.api.get(`${base}/topics/${general.id}/messages?after=0&limit=100`);
    expect(stored.body.messages.map((m: { text: string }) => m.text)).toEqual(burst);
    engine.stop();
  });

  it("holds a message in slow mode, says until when, sends it after the wait, and lets a DM go meanwhile", async () => {
    const { db, creator, fan, general, engine, session, base } = await fanInRoom();
    expect((await creator.api.patch(base, { slowModeSeconds: 2 })).status).toBe(200);
    const friend = (await createFans(server, db, creator.id, 1))[0] as TestUser;
    await befriend(db, fan, friend);
    const dm = await friend.api.post("/api/conversations", { kind: "direct", userId: fan.id, message: { clientId: "hi", text: "hi" } });
    const dmId = dm.body.conversation.id as string;
    await engine.catchUp();

    session.send(general, { text: "first" });
    session.send(general, { text: "second" });
    await until([engine], () => engine.snapshot().outbox.some((i) => i.waiting?.code === "SLOW_MODE"));
    const held = engine.snapshot().outbox.find((i) => i.waiting)!;
    expect(held.body.text).toBe("second");
    expect(Date.parse(held.waiting!.until)).toBeGreaterThan(Date.now());
    // Another chat is not stuck behind the room's wait.
    engine.send(dmId, { text: "not held" });
    await until([engine], () => Object.values(engine.snapshot().state.messages[dmId] ?? {}).some((m) => m.text === "not held"));
    expect(engine.snapshot().outbox.find((i) => i.body.text === "second")?.waiting?.code).toBe("SLOW_MODE");
    // The wait ends and it goes, once.
    await until([engine, session], () => engine.snapshot().outbox.length === 0 && texts(session, general.id).length === 2);
    expect(texts(session, general.id)).toEqual(["first", "second"]);
    engine.stop();
  });

  it("fills what it missed while the connection was down, and a message its pushes skipped", async () => {
    const { db, creator, general, engine, session, base } = await fanInRoom();
    const post = (clientId: string, text: string) => creator.api.post(`${base}/topics/${general.id}/messages`, { clientId, text });
    await post("a", "a");
    await until([session], () => texts(session, general.id).length === 1);
    engine.stop(); // nothing is pushed to this client now
    await post("b", "b");
    await post("c", "c");
    expect(texts(session, general.id)).toEqual(["a"]);
    engine.start(); // reconnects: rooms:ready, then the session catches up
    await until([session], () => texts(session, general.id).length === 3);
    expect(texts(session, general.id)).toEqual(["a", "b", "c"]);

    // Seq 4 is stored without a push (as when a push is lost between nodes), seq 5 is pushed.
    await db.conversation.update({ where: { id: general.conversationId }, data: { lastSeq: 4 } });
    await db.message.create({ data: { conversationId: general.conversationId, senderId: creator.id, clientId: "lost", seq: 4, kind: "text", text: "d" } });
    await post("e", "e");
    await until([session], () => texts(session, general.id).length === 5);
    expect(texts(session, general.id)).toEqual(["a", "b", "c", "d", "e"]);
    engine.stop();
  });

  it("keeps a rename pushed while its catch-up fetch of the room was on the way (the answer is older)", async () => {
    const { creator, engine, session, base } = await fanInRoom();
    // The network holds the answers of the room's own GET until released: they were read
    // on the server before the rename, and arrive after its push.
    const request = engine.http.request.bind(engine.http);
    const held: (() => void)[] = [];
    let holding = true;
    engine.http.request = async <T>(method: string, path: string, body?: unknown) => {
      const answer = await request<T>(method, path, body);
      if (holding && method === "GET" && path === base) await new Promise<void>((release) => held.push(release));
      return answer;
    };
    const caughtUp = session.catchUp();
    await expect.poll(() => held.length).toBe(1); // answered with the old name, not delivered yet
    holding = false;
    expect((await creator.api.patch(base, { name: "Renamed live" })).status).toBe(200);
    await until([session], () => session.snapshot().room.name === "Renamed live"); // the push
    for (const release of held.splice(0)) release();
    await caughtUp;
    expect(session.snapshot().room.name).toBe("Renamed live");
    engine.stop();
  });

  it("closes the room for a member banned while away, once the connection is back", async () => {
    const { creator, fan, general, engine, session, base } = await fanInRoom();
    engine.stop();
    expect((await creator.api.post(`${base}/bans`, { userId: fan.id })).status).toBeLessThan(300);
    engine.start();
    await until([session], () => session.snapshot().closed !== null);
    expect(session.snapshot().closed).toBe("gone");
    // And a send from the stale view is refused, not stored.
    session.send(general, { text: "still here?" });
    await until([engine], () => engine.snapshot().outbox[0]?.status === "failed");
    expect(engine.snapshot().outbox[0].error?.code).toBe("NOT_FOUND");
    expect((await creator.api.get(`${base}/topics/${general.id}/messages?after=0`)).body.messages).toHaveLength(0);
    engine.stop();
  });
});
