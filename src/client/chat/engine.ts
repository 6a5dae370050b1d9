// The chat's sync engine: one Socket.IO connection, the normalized state, the outbox and
// catch-up after every (re)connect. Plain TypeScript: React subscribes through
// `subscribe`/`snapshot`, notifications through `onIncomingMessage`.
import { io, type Socket } from "socket.io-client";
import type { RoomEvent } from "@/client/rooms/types";
import type { ClientToServerEvents, HeldSendView, ServerToClientEvents } from "@/shared/events";
import { MESSAGE } from "@/shared/limits";
import { httpClient, type HttpClient, type HttpError } from "./api";
import { discard, enqueue, fail, heldForVideos, hold, isRefusal, isWait, nextToSend, nextWake, release, resendHeld, retry, settle, videoProgress, type OutboxStorage } from "./outbox";
import { toChatEvent, TYPING_SHOWN_MS } from "./events";
import { emptyState, historyLoaded, lastSeqHeld, reduce } from "./reducer";
import type { ChatEvent, ChatState, ConversationView, MessageView, OutboxItem, OutgoingBody } from "./types";

export type ConnectionStatus = "connecting" | "online" | "offline";

export interface ChatSnapshot {
  state: ChatState;
  outbox: OutboxItem[];
  status: ConnectionStatus;
}

export interface EngineOptions {
  me: string;
  storage: OutboxStorage;
  /** Omitted in the browser: same origin, session cookie. */
  baseUrl?: string;
  token?: string;
  /** Listen to the browser's online/offline events (the socket alone notices a drop late). */
  watchNetwork?: boolean;
}

type IncomingListener = (message: MessageView, conversation: ConversationView | undefined) => void;
type RoomListener = (event: RoomEvent) => void;
type RoomsReadyListener = (roomIds: string[]) => void;

const ACK_TIMEOUT_MS = 8_000;
const TYPING_THROTTLE_MS = 3_000;
const RETRY_DELAYS_MS = [500, 1_000, 2_000, 4_000, 8_000];

export class ChatEngine {
  private snap: ChatSnapshot;
  private readonly listeners = new Set<() => void>();
  private readonly incoming = new Set<IncomingListener>();
  private readonly roomListeners = new Set<RoomListener>();
  private readonly roomsReadyListeners = new Set<RoomsReadyListener>();
  /** Same origin and session (or the token): for views that fetch beside the engine. */
  readonly http: HttpClient;
  private socket?: Socket<ServerToClientEvents, ClientToServerEvents>;
  private pumping = false;
  private wake?: () => void;
  private lastTypingSent: Record<string, number> = {};
  private syncing?: Promise<void>;
  private syncAgain = false;
  private readonly filling = new Set<string>();
  private readonly cleanups: (() => void)[] = [];

  /** What the server rendered (nothing loaded yet): hydration starts from it. */
  readonly initialSnapshot: ChatSnapshot;

  constructor(private readonly options: EngineOptions) {
    this.initialSnapshot = { state: emptyState(options.me), outbox: [], status: "connecting" };
    // A wait saved before a reload is over or will be said again by the server.
    const outbox = options.storage.load().map(({ waiting: _over, ...item }) => item);
    this.snap = { state: emptyState(options.me), outbox, status: "connecting" };
    this.http = httpClient(options.baseUrl ?? "", options.token);
  }

  // ---- reading ------------------------------------------------------------------------

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  snapshot = (): ChatSnapshot => this.snap;

  /** A message from someone else arrived live (not from catch-up): for notifications. */
  onIncomingMessage(listener: IncomingListener): () => void {
    this.incoming.add(listener);
    return () => this.incoming.delete(listener);
  }

  /** Conversations with unread messages that are not muted: for the Inbox tab's badge. */
  unreadChats(): number {
    return Object.values(this.snap.state.conversations).filter((c) => !c.muted && c.unreadCount > 0).length;
  }

  /** Unread messages over all conversations that are not muted: for the tab title. */
  totalUnread(): number {
    return Object.values(this.snap.state.conversations).reduce((sum, c) => sum + (c.muted ? 0 : c.unreadCount), 0);
  }

  /** Every room push (room:*) on the tab's socket, and my room messages once acked: for room views. */
  onRoomEvent(listener: RoomListener): () => void {
    this.roomListeners.add(listener);
    return () => this.roomListeners.delete(listener);
  }

  /** After each connect, once the server has joined the socket to these rooms' channels. */
  onRoomsReady(listener: RoomsReadyListener): () => void {
    this.roomsReadyListeners.add(listener);
    return () => this.roomsReadyListeners.delete(listener);
  }

  // ---- lifecycle ----------------------------------------------------------------------

  start(): void {
    if (this.socket) return;
    const socket: Socket<ServerToClientEvents, ClientToServerEvents> = io(this.options.baseUrl ?? "", {
      transports: ["websocket"],
      auth: this.options.token ? { token: this.options.token } : {},
      reconnectionDelayMax: 5_000,
    });
    this.socket = socket;
    socket.on("connect", () => {
      this.setStatus("online");
      // What the server held may have been sent or failed while this tab was away: ask again.
      this.setOutbox(resendHeld(this.snap.outbox));
      void this.catchUp();
      this.wakeUp();
    });
    socket.on("media:progress", ({ mediaId, progress }) => this.setOutbox(videoProgress(this.snap.outbox, mediaId, progress)));
    socket.on("message:failed", ({ clientId, error }) => this.setOutbox(fail(this.snap.outbox, clientId, error)));
    socket.on("disconnect", () => this.setStatus(this.isOffline() ? "offline" : "connecting"));
    socket.on("rooms:ready", ({ roomIds }) => {
      for (const listener of this.roomsReadyListeners) listener(roomIds);
    });
    socket.onAny((name: string, payload: unknown) => {
      if (name.startsWith("room:")) return this.receiveRoomEvent({ event: name, payload } as RoomEvent);
      const event = toChatEvent(name, payload, Date.now());
      if (!event) return;
      if (event.type === "message:new") return this.receiveMessage(event.message);
      this.apply(event);
      if (event.type === "typing") setTimeout(() => this.emit(), TYPING_SHOWN_MS + 50); // let the indicator go
    });

    if (this.options.watchNetwork && typeof window !== "undefined") {
      const offline = () => {
        this.setStatus("offline");
        socket.disconnect(); // a dead WebSocket can linger for a while: drop it now
      };
      const online = () => {
        this.setStatus("connecting");
        socket.connect();
      };
      window.addEventListener("offline", offline);
      window.addEventListener("online", online);
      this.cleanups.push(
        () => window.removeEventListener("offline", offline),
        () => window.removeEventListener("online", online),
      );
      if (this.isOffline()) {
        this.setStatus("offline");
        socket.disconnect();
      }
    }
    void this.pump();
  }

  stop(): void {
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.socket?.close();
    this.socket = undefined;
    this.wake?.();
  }

  /** Fetches the inbox, then everything after the last seq held in every open conversation. */
  catchUp(): Promise<void> {
    // Asked again while one runs (the socket connected while the first page load's fetch was
    // on its way): run once more after it, since a message sent in between reached neither.
    if (this.syncing) this.syncAgain = true;
    this.syncing ??= (async () => {
      try {
        do {
          this.syncAgain = false;
          const inbox = await this.http.request<{ conversations: ConversationView[] }>("GET", "/api/conversations");
          if (inbox.ok) this.apply({ type: "inbox:fetched", conversations: inbox.body.conversations });
          for (const conversationId of Object.keys(this.snap.state.messages)) await this.fetchAfter(conversationId);
        } while (this.syncAgain);
      } finally {
        this.syncing = undefined;
        this.wakeUp();
      }
    })();
    return this.syncing;
  }

  private async fetchAfter(conversationId: string): Promise<void> {
    for (;;) {
      const after = lastSeqHeld(this.snap.state, conversationId);
      const page = await this.fetchMessages(conversationId, `after=${after}&limit=${MESSAGE.pageSizeMax}`);
      if (!page) return;
      this.apply({ type: "messages:fetched", conversationId, messages: page });
      if (page.length < MESSAGE.pageSizeMax) return;
    }
  }

  /** fetchAfter for a gap seen in the pushes; one fetch per conversation at a time. */
  private async fillGap(conversationId: string): Promise<void> {
    if (this.filling.has(conversationId)) return;
    this.filling.add(conversationId);
    try {
      await this.fetchAfter(conversationId);
    } finally {
      this.filling.delete(conversationId);
    }
  }

  private async fetchMessages(conversationId: string, query: string): Promise<MessageView[] | null> {
    const res = await this.http.request<{ messages: MessageView[] }>("GET", `/api/conversations/${encodeURIComponent(conversationId)}/messages?${query}`);
    if (res.ok) return res.body.messages;
    if (res.error.status === 404) this.apply({ type: "conversation:removed", conversationId });
    return null;
  }

  /**
   * The newest page of a conversation, once; afterwards catch-up keeps it complete.
   * Messages pushed before the first open do not count as loaded: the page is fetched.
   */
  async open(conversationId: string): Promise<void> {
    if (historyLoaded(this.snap.state, conversationId)) return this.fetchAfter(conversationId);
    const page = await this.fetchMessages(conversationId, `limit=${MESSAGE.pageSizeDefault}`);
    if (page) this.apply({ type: "messages:fetched", conversationId, messages: page, olderExhausted: page.length < MESSAGE.pageSizeDefault });
  }

  /** The page before the oldest message held (history as you scroll up). */
  async loadOlder(conversationId: string): Promise<void> {
    const held = Object.keys(this.snap.state.messages[conversationId] ?? {}).map(Number);
    if (!held.length || this.snap.state.hasOlder[conversationId] === false) return;
    const before = Math.min(...held);
    const page = await this.fetchMessages(conversationId, `before=${before}&limit=${MESSAGE.pageSizeDefault}`);
    if (page) this.apply({ type: "messages:fetched", conversationId, messages: page, olderExhausted: page.length < MESSAGE.pageSizeDefault });
  }

  // ---- sending ------------------------------------------------------------------------

  /** Shows the message at once as "sending" and sends it (in order) as soon as possible. */
  send(conversationId: string, body: OutgoingBody): string {
    const clientId = crypto.randomUUID();
    // The message ends this typing spell (the others' indicator goes when it lands): typing again starts a new one at once.
    delete this.lastTypingSent[conversationId];
    this.setOutbox(enqueue(this.snap.outbox, conversationId, body, clientId, new Date()));
    this.wakeUp(); // a pump waiting out another chat's hold sends this one now
    return clientId;
  }

  /** A room topic's message, through the same outbox: in order, once, retried, held while slow mode lasts. */
  sendToRoom(target: { roomId: string; topicId: string; conversationId: string }, body: OutgoingBody): string {
    const clientId = crypto.randomUUID();
    this.setOutbox(enqueue(this.snap.outbox, target.conversationId, body, clientId, new Date(), { roomId: target.roomId, topicId: target.topicId }));
    this.wakeUp();
    return clientId;
  }

  retrySend(clientId: string): void {
    this.setOutbox(retry(this.snap.outbox, clientId));
    this.wakeUp();
  }

  discardSend(clientId: string): void {
    this.setOutbox(discard(this.snap.outbox, clientId));
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      let attempt = 0;
      while (this.socket) {
        const item = nextToSend(this.snap.outbox);
        if (!item) {
          // Only held-back messages left: sleep until the first may go (or something wakes us).
          const wake = nextWake(this.snap.outbox);
          if (wake === undefined) return;
          await this.sleep(Math.max(0, wake - Date.now()));
          continue;
        }
        if (this.snap.status === "offline") {
          await this.sleep(60_000); // until the browser says it is back online
          continue;
        }
        this.setOutbox(release(this.snap.outbox, item.clientId)); // its wait, if any, is over
        const result = await this.deliver(item);
        if ("held" in result) {
          attempt = 0;
          this.setOutbox(heldForVideos(this.snap.outbox, item.clientId, result.held.mediaIds));
        } else if ("message" in result) {
          attempt = 0;
          if (item.room) this.receiveRoomEvent({ event: "room:message:new", payload: { ...item.room, message: result.message } });
          else this.receiveMessage(result.message);
        } else if (isWait(result.error.code) && result.error.retryAfter) {
          // Over a limit the message says so, and when it will go; its conversation waits, the others go on.
          attempt = 0;
          this.setOutbox(hold(this.snap.outbox, item.clientId, result.error.code, new Date(Date.now() + result.error.retryAfter * 1000)));
        } else if (isRefusal(result.error.code)) {
          attempt = 0;
          this.setOutbox(fail(this.snap.outbox, item.clientId, { code: result.error.code, message: result.error.message }));
        } else {
          const delay = RETRY_DELAYS_MS[Math.min(attempt, RETRY_DELAYS_MS.length - 1)];
          attempt += 1;
          await this.sleep(delay);
        }
      }
    } finally {
      this.pumping = false;
    }
  }

  /** Over the socket with an ack; over HTTP when the socket is down or the ack is late. */
  private async deliver(item: OutboxItem): Promise<{ message: MessageView } | { held: HeldSendView } | { error: Omit<HttpError, "status"> }> {
    const payload = { clientId: item.clientId, ...item.body };
    if (this.socket?.connected) {
      try {
        const ack = item.room
          ? await this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck("room:message:send", { ...item.room, ...payload })
          : await this.socket.timeout(ACK_TIMEOUT_MS).emitWithAck("message:send", { conversationId: item.conversationId, ...payload });
        if (ack?.ok) return "held" in ack && ack.held ? { held: ack.held } : { message: ack.message as MessageView };
        if (ack?.error) return { error: ack.error };
      } catch {
        /* no ack in time: the same client id over HTTP cannot make a second message */
      }
    }
    const path = item.room
      ? `/api/rooms/${encodeURIComponent(item.room.roomId)}/topics/${encodeURIComponent(item.room.topicId)}/messages`
      : `/api/conversations/${encodeURIComponent(item.conversationId)}/messages`;
    const res = await this.http.request<{ message: MessageView } | { message: null; held: HeldSendView }>("POST", path, payload);
    if (!res.ok) return { error: res.error };
    return "held" in res.body && res.body.held ? { held: res.body.held } : { message: res.body.message as MessageView };
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    });
  }

  private wakeUp() {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
    void this.pump();
  }

  // ---- other actions ------------------------------------------------------------------

  markRead(conversationId: string, seq: number): void {
    const conversation = this.snap.state.conversations[conversationId];
    if (!conversation || conversation.lastReadSeq >= seq) return;
    this.apply({ type: "read", conversationId, userId: this.options.me, seq });
    void this.http.request("POST", `/api/conversations/${encodeURIComponent(conversationId)}/read`, { seq });
  }

  typing(conversationId: string): void {
    const now = Date.now();
    if (!this.socket?.connected || now - (this.lastTypingSent[conversationId] ?? 0) < TYPING_THROTTLE_MS) return;
    this.lastTypingSent[conversationId] = now;
    this.socket.emit("typing", { conversationId });
  }

  /** Puts my reaction (or removes it with null) at once; the server's update confirms it. */
  async react(message: MessageView, emoji: string | null): Promise<HttpError | null> {
    const others = message.reactions.filter((r) => r.userId !== this.options.me);
    this.apply({ type: "message:updated", message: { ...message, reactions: emoji ? [...others, { userId: this.options.me, emoji }] : others } });
    const path = `/api/messages/${encodeURIComponent(message.id)}/reaction`;
    const res = emoji ? await this.http.request<{ message: MessageView }>("PUT", path, { emoji }) : await this.http.request<{ message: MessageView }>("DELETE", path);
    return this.settleUpdate(message, res);
  }

  async edit(message: MessageView, text: string): Promise<HttpError | null> {
    this.apply({ type: "message:updated", message: { ...message, text, editedAt: new Date().toISOString() } });
    const res = await this.http.request<{ message: MessageView }>("PATCH", `/api/messages/${encodeURIComponent(message.id)}`, { text });
    return this.settleUpdate(message, res);
  }

  async unsend(message: MessageView): Promise<HttpError | null> {
    this.apply({ type: "message:updated", message: { ...message, text: undefined, post: undefined, media: undefined, reactions: [], deletedAt: new Date().toISOString() } });
    const res = await this.http.request<{ message: MessageView }>("DELETE", `/api/messages/${encodeURIComponent(message.id)}`);
    return this.settleUpdate(message, res);
  }

  private settleUpdate(original: MessageView, res: Awaited<ReturnType<HttpClient["request"]>>): HttpError | null {
    if (res.ok) {
      const message = (res.body as { message?: MessageView } | null)?.message;
      if (message) this.apply({ type: "message:updated", message });
      return null;
    }
    this.apply({ type: "message:updated", message: original }); // undo the optimistic change
    return res.error;
  }

  /** Conversation-level calls (rename, mute, members, accept, delete): then refetch the inbox. */
  async conversationRequest<T>(method: string, path: string, body?: unknown): Promise<{ ok: true; body: T } | { ok: false; error: HttpError }> {
    const res = await this.http.request<T>(method, path, body);
    void this.catchUp();
    return res.ok ? { ok: true, body: res.body } : res;
  }

  /** Starts a 1:1 (or reuses it) or a group with its first message. */
  async startConversation(
    input: { kind: "direct"; userId: string } | { kind: "group"; title: string; memberIds: string[] },
    body: OutgoingBody,
  ): Promise<{ ok: true; conversation: ConversationView } | { ok: false; error: HttpError }> {
    const clientId = crypto.randomUUID();
    for (let attempt = 0; ; attempt++) {
      const res = await this.http.request<{ conversation: ConversationView; message: MessageView }>("POST", "/api/conversations", {
        ...input,
        message: { clientId, ...body },
      });
      if (res.ok) {
        this.apply({ type: "conversation:new", conversation: res.body.conversation });
        this.receiveMessage(res.body.message);
        return { ok: true, conversation: res.body.conversation };
      }
      // The same client id makes a retry safe; give up on a refusal or after a few tries.
      if (isRefusal(res.error.code) || attempt >= 3) return res;
      await new Promise((r) => setTimeout(r, RETRY_DELAYS_MS[attempt]));
    }
  }

  // ---- state --------------------------------------------------------------------------

  private receiveMessage(message: MessageView): void {
    const id = message.conversationId;
    const held = this.snap.state.messages[id]?.[message.seq];
    // A push that skips seqs (one lost between nodes, say): fetch what lies between.
    const gap = this.snap.state.messages[id] !== undefined && message.seq > lastSeqHeld(this.snap.state, id) + 1;
    this.apply({ type: "message:new", message });
    if (gap) void this.fillGap(id);
    this.setOutbox(settle(this.snap.outbox, this.options.me, message));
    if (!held && message.senderId !== this.options.me) {
      const conversation = this.snap.state.conversations[message.conversationId];
      for (const listener of this.incoming) listener(message, conversation);
      if (!conversation) void this.catchUp(); // a conversation I don't know yet: a new request
    }
  }

  /** A room push (or my acked room message): to the room views; my own also leaves the outbox. */
  private receiveRoomEvent(event: RoomEvent): void {
    for (const listener of this.roomListeners) listener(event);
    if (event.event === "room:message:new") this.setOutbox(settle(this.snap.outbox, this.options.me, event.payload.message));
  }

  apply(event: ChatEvent): void {
    const state = reduce(this.snap.state, event);
    if (state === this.snap.state) return;
    this.snap = { ...this.snap, state };
    this.emit();
  }

  private setOutbox(outbox: OutboxItem[]): void {
    if (outbox === this.snap.outbox) return;
    this.options.storage.save(outbox);
    this.snap = { ...this.snap, outbox };
    this.emit();
  }

  private setStatus(status: ConnectionStatus): void {
    if (status === this.snap.status) return;
    this.snap = { ...this.snap, status };
    this.emit();
    if (status !== "offline") this.wakeUp();
  }

  private isOffline(): boolean {
    return typeof navigator !== "undefined" && navigator.onLine === false;
  }

  private emit(): void {
    for (const listener of this.listeners) listener();
  }
}
