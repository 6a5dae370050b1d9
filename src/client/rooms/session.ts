// One open room on the tab's chat engine: the engine's socket brings the room's pushes and
// its outbox sends the messages; this keeps the room's state (reducer.ts), loads topic
// pages, fills gaps in the pushes and catches up after every (re)connect.
import type { ChatEngine } from "@/client/chat/engine";
import { lastContiguousSeq, leavesGap } from "@/client/chat/message-map";
import type { OutgoingBody } from "@/client/chat/types";
import { MESSAGE } from "@/shared/limits";
import type { AnnouncementView, MemberView, PersonView, RoomView, TopicView } from "@/shared/room-views";
import type { MessageView } from "@/shared/views";
import { needsRoomFetch, reduceRoom, roomState } from "./reducer";
import type { RoomAction, RoomState } from "./types";

type Page = { messages: MessageView[]; authors: PersonView[] };

/** Fetches of the room in a row while pushes keep changing it, before the last answer is kept. */
const FETCH_ATTEMPTS = 4;

/** A fetch that answered (not a 404, not a failure). */
const got = <T>(answer: T | "gone" | null): answer is T => answer !== null && answer !== "gone";

export class RoomSession {
  private state: RoomState;
  private readonly listeners = new Set<() => void>();
  private readonly filling = new Set<string>();
  private readonly stops: (() => void)[] = [];
  private syncing?: Promise<void>;
  private syncAgain = false;
  /** Counts the pushes that change the room, its topics, members or promotions (not messages). */
  private roomChanges = 0;

  constructor(
    private readonly engine: ChatEngine,
    seed: { me: string; room: RoomView; topics: TopicView[]; members: MemberView[]; announcements: AnnouncementView[] },
  ) {
    this.state = roomState(seed.me, seed);
  }

  get roomId(): string {
    return this.state.room.id;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  snapshot = (): RoomState => this.state;

  /** Listens to the engine; `stop` lets go. */
  start(): void {
    this.stops.push(
      this.engine.onRoomEvent((event) => {
        if (event.payload.roomId !== this.roomId) return;
        const gap = event.event === "room:message:new" && this.topicLoaded(event.payload.topicId) && leavesGap(this.state.messages[event.payload.topicId], event.payload.message);
        const refetch = needsRoomFetch(this.state, event);
        if (!event.event.startsWith("room:message:")) this.roomChanges++;
        this.apply(event);
        if (gap && event.event === "room:message:new") void this.fillGap(event.payload.topicId);
        if (refetch) void this.fetchRoom();
      }),
      // The socket hears the room from here on: what was said before, while it was away, is fetched.
      this.engine.onRoomsReady(() => void this.catchUp()),
    );
  }

  stop(): void {
    for (const stop of this.stops.splice(0)) stop();
  }

  /** The server rendered the room again (router.refresh): its view is the newer one. */
  reseed(seed: { room: RoomView; topics: TopicView[]; members: MemberView[]; announcements: AnnouncementView[] }): void {
    this.apply({ event: "fetched", ...seed });
  }

  apply(action: RoomAction): void {
    const next = reduceRoom(this.state, action);
    if (next === this.state) return;
    this.state = next;
    for (const listener of this.listeners) listener();
  }

  // ---- reading ------------------------------------------------------------------------

  private topicLoaded = (topicId: string): boolean => topicId in this.state.hasOlder;

  /** A topic's newest page, once; afterwards catch-up keeps it complete. */
  async open(topicId: string): Promise<void> {
    if (this.topicLoaded(topicId)) return this.fetchAfter(topicId);
    const page = await this.fetchPage(topicId, `limit=${MESSAGE.pageSizeDefault}`);
    if (page) this.apply({ event: "messages:fetched", topicId, ...page, olderExhausted: page.messages.length < MESSAGE.pageSizeDefault });
  }

  async loadOlder(topicId: string): Promise<void> {
    const held = Object.keys(this.state.messages[topicId] ?? {}).map(Number);
    if (!held.length || this.state.hasOlder[topicId] === false) return;
    const page = await this.fetchPage(topicId, `before=${Math.min(...held)}&limit=${MESSAGE.pageSizeDefault}`);
    if (page) this.apply({ event: "messages:fetched", topicId, ...page, olderExhausted: page.messages.length < MESSAGE.pageSizeDefault });
  }

  /** The room, its topics, members and promotions again, then every open topic after its last seq. */
  catchUp(): Promise<void> {
    if (this.syncing) this.syncAgain = true; // asked during a run: once more after it
    this.syncing ??= (async () => {
      try {
        do {
          this.syncAgain = false;
          if (!(await this.fetchRoom())) return;
          for (const topicId of Object.keys(this.state.hasOlder)) await this.fetchAfter(topicId);
        } while (this.syncAgain);
      } finally {
        this.syncing = undefined;
      }
    })();
    return this.syncing;
  }

  /**
   * A push that lands while the fetch is on its way may be newer than the fetch's answer (a
   * rename answered with the old name): then the answer is not applied but fetched again.
   */
  private async fetchRoom(attempt = 1): Promise<boolean> {
    const changesBefore = this.roomChanges;
    const base = `/api/rooms/${encodeURIComponent(this.roomId)}`;
    const [room, topics, members, announcements] = await Promise.all([
      this.get<{ room: RoomView }>(base),
      this.get<{ topics: TopicView[] }>(`${base}/topics`),
      this.get<{ members: MemberView[] }>(`${base}/members`),
      this.get<{ announcements: AnnouncementView[] }>(`${base}/announcements`),
    ]);
    if (room === "gone") {
      this.apply({ event: "closed", reason: "gone" });
      return false;
    }
    if (!got(room) || !got(topics) || !got(members) || !got(announcements)) return false; // tried again on the next connect
    if (this.roomChanges !== changesBefore && attempt < FETCH_ATTEMPTS) return this.fetchRoom(attempt + 1);
    this.apply({ event: "fetched", room: room.room, topics: topics.topics, members: members.members, announcements: announcements.announcements });
    return true;
  }

  private async fetchAfter(topicId: string): Promise<void> {
    for (;;) {
      const page = await this.fetchPage(topicId, `after=${lastContiguousSeq(this.state.messages[topicId])}&limit=${MESSAGE.pageSizeMax}`);
      if (!page) return;
      this.apply({ event: "messages:fetched", topicId, ...page });
      if (page.messages.length < MESSAGE.pageSizeMax) return;
    }
  }

  private async fillGap(topicId: string): Promise<void> {
    if (this.filling.has(topicId)) return;
    this.filling.add(topicId);
    try {
      await this.fetchAfter(topicId);
    } finally {
      this.filling.delete(topicId);
    }
  }

  private async fetchPage(topicId: string, query: string): Promise<Page | null> {
    const page = await this.get<Page>(`/api/rooms/${encodeURIComponent(this.roomId)}/topics/${encodeURIComponent(topicId)}/messages?${query}`);
    if (page === "gone") void this.catchUp(); // the topic or the room: the room's fetch says which
    return page === "gone" ? null : page;
  }

  /** A 404 means the viewer is no longer in the room (or it is gone): "gone". */
  private async get<T>(path: string): Promise<T | "gone" | null> {
    const res = await this.engine.http.request<T>("GET", path);
    if (res.ok) return res.body;
    return res.error.status === 404 ? "gone" : null;
  }

  // ---- writing ------------------------------------------------------------------------

  /** Through the engine's outbox: shown at once, sent in order, once; held while slow mode lasts. */
  send(topic: TopicView, body: OutgoingBody): string {
    return this.engine.sendToRoom({ roomId: this.roomId, topicId: topic.id, conversationId: topic.conversationId }, body);
  }
}
