"use client";
// The room itself: pinned announcements, the topic's messages in real time, the
// composer, and the members, moderation log and settings panels.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { MessageView } from "@/domain/messages/view";
import type { AnnouncementView, MemberView, PersonView, RoomView as Room, TopicView } from "@/domain/rooms/view";
import type { Ack } from "@/shared/events";
import { AnnouncementBar } from "./AnnouncementBar";
import { roomsApi } from "./api";
import { ReportDialog } from "@/components/safety/ReportDialog";
import { BanDialog } from "./BanDialog";
import { Composer, type RoomSendBody } from "./Composer";
import { LogPanel } from "./LogPanel";
import { MembersPanel } from "./MembersPanel";
import { canModerate, isStaffRole } from "./permissions";
import { RoomMessage, type DisplayMessage } from "./RoomMessage";
import { SettingsPanel } from "./SettingsPanel";
import { type RoomEvent, useRoomSocket } from "./useRoomSocket";
import "./rooms.css";
import { Icon } from "@/components/icons";

type Panel = "members" | "log" | "settings" | null;

const newClientId = () => (typeof crypto !== "undefined" && "randomUUID" in crypto ? crypto.randomUUID() : `c${Date.now()}${Math.random().toString(36).slice(2)}`);

function upsert(list: DisplayMessage[], message: DisplayMessage): DisplayMessage[] {
  const i = list.findIndex((m) => m.id === message.id || (m.pending && m.clientId === message.clientId && m.senderId === message.senderId));
  if (i < 0) return [...list, message].sort((a, b) => (a.pending ? 1 : 0) - (b.pending ? 1 : 0) || a.seq - b.seq);
  const next = [...list];
  next[i] = message;
  return next;
}

export function RoomView(props: { viewerId: string; room: Room; topics: TopicView[]; topic: TopicView; members: MemberView[]; announcements: AnnouncementView[] }) {
  const { viewerId, topic, topics } = props;
  const t = useTranslations("rooms");
  const router = useRouter();
  const [room, setRoom] = useState(props.room);
  const [members, setMembers] = useState(props.members);
  const [announcements, setAnnouncements] = useState(props.announcements);
  const [messages, setMessages] = useState<DisplayMessage[]>([]);
  const [authors, setAuthors] = useState<Record<string, PersonView>>({});
  const [hasOlder, setHasOlder] = useState(false);
  const [closed, setClosed] = useState<"banned" | "removed" | null>(null);
  const [panel, setPanel] = useState<Panel>(null);
  const [replyTo, setReplyTo] = useState<DisplayMessage | null>(null);
  const [slowUntil, setSlowUntil] = useState<number | undefined>();
  const [sendError, setSendError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [banTarget, setBanTarget] = useState<{ id: string; displayName: string } | null>(null);
  const [reportTarget, setReportTarget] = useState<{ userId: string; name: string; messageId: string } | null>(null);
  const [logVersion, setLogVersion] = useState(0);
  const listRef = useRef<HTMLOListElement>(null);
  const lastSeq = useRef(0);
  /** The topic's first page has landed, and the socket hears the room: both must hold before a catch-up. */
  const loaded = useRef(false);
  const synced = useRef(false);
  const catchUpRef = useRef<() => Promise<void>>(async () => {});
  const drafts = useRef(new Map<string, RoomSendBody>()); // what each send carried, for a retry

  useEffect(() => setRoom(props.room), [props.room]);
  useEffect(() => setMembers(props.members), [props.members]);

  const people = useMemo(() => {
    const map: Record<string, PersonView> = { ...authors };
    for (const m of members) map[m.id] = m;
    return map;
  }, [authors, members]);
  const roles = useMemo(() => Object.fromEntries(members.map((m) => [m.id, m.role])), [members]);
  const viewer = { id: viewerId, role: room.myRole };
  const staff = isStaffRole(room.myRole);

  const load = useCallback(
    async (query: string) => {
      const res = await roomsApi<{ messages: MessageView[]; authors: PersonView[] }>("GET", `/api/rooms/${room.id}/topics/${topic.id}/messages${query}`);
      if (!res.ok) return null;
      setAuthors((a) => ({ ...a, ...Object.fromEntries(res.body.authors.map((p) => [p.id, p])) }));
      return res.body.messages;
    },
    [room.id, topic.id],
  );

  // A topic opens on its latest page; once the socket hears the room too, what came in between is fetched.
  useEffect(() => {
    let live = true;
    setMessages([]);
    lastSeq.current = 0;
    loaded.current = false;
    void load("?limit=50").then((page) => {
      if (!live || !page) return;
      setMessages(page);
      setHasOlder(page.length === 50);
      lastSeq.current = page.at(-1)?.seq ?? 0;
      loaded.current = true;
      if (synced.current) void catchUpRef.current();
    });
    return () => {
      live = false;
    };
  }, [load]);

  useEffect(() => {
    const last = messages.at(-1);
    if (last && last.seq > lastSeq.current) lastSeq.current = last.seq;
    listRef.current?.lastElementChild?.scrollIntoView({ block: "end" });
  }, [messages]);

  // Who is in the room changed: the page is rendered again, so the header's count and the
  // sidebar's come from the one server count (room.memberCount) and always agree.
  const membershipChanged = useCallback(() => router.refresh(), [router]);

  const onEvent = useCallback(
    (e: RoomEvent) => {
      switch (e.event) {
        case "room:message:new":
        case "room:message:updated":
        case "room:message:deleted":
          if (e.payload.topicId === topic.id) setMessages((list) => upsert(list, e.payload.message));
          break;
        case "room:member:banned":
          if (e.payload.userId === viewerId) setClosed("banned");
          else {
            setMembers((list) => list.filter((m) => m.id !== e.payload.userId));
            membershipChanged();
          }
          setLogVersion((v) => v + 1);
          break;
        case "room:member:left":
          setMembers((list) => list.filter((m) => m.id !== e.payload.userId));
          membershipChanged();
          break;
        case "room:member:removed": // blocked by the creator, or their subscription or fan club ended
          if (e.payload.userId === viewerId) setClosed("removed");
          else {
            setMembers((list) => list.filter((m) => m.id !== e.payload.userId));
            membershipChanged();
          }
          break;
        case "room:member:joined": {
          const member = e.payload.member;
          setMembers((list) => (list.some((m) => m.id === member.id) ? list : [...list, member]));
          membershipChanged();
          break;
        }
        case "room:member:updated": {
          const membership = e.payload.membership;
          setMembers((list) => list.map((m) => (m.id === membership.userId ? { ...m, role: membership.role } : m)));
          if (membership.userId === viewerId) setRoom((r) => ({ ...r, myRole: membership.role }));
          setLogVersion((v) => v + 1);
          break;
        }
        case "room:member:timedout":
          setMembers((list) => list.map((m) => (m.id === e.payload.userId ? { ...m, timedOutUntil: e.payload.until } : m)));
          if (e.payload.userId === viewerId) setRoom((r) => ({ ...r, timedOutUntil: e.payload.until }));
          setLogVersion((v) => v + 1);
          break;
        case "room:announcement": {
          const a = e.payload.announcement;
          setAnnouncements((list) => [...list.filter((x) => x.id !== a.id), a].sort((x, y) => x.startsAt.localeCompare(y.startsAt)));
          if (e.payload.state === "started") setNotice(t("announcementStarted", { title: a.title }));
          break;
        }
        case "room:topic:new":
          router.refresh();
          break;
        case "room:updated":
          setRoom((r) => ({ ...r, ...e.payload.room }));
          break;
      }
    },
    [topic.id, viewerId, router, t, membershipChanged],
  );

  // After the socket joined the room (each connect): whatever was said meanwhile, in order, once.
  const catchUp = useCallback(async () => {
    synced.current = true;
    if (!loaded.current) return; // the first page is on its way; it catches up when it lands
    const page = await load(`?after=${lastSeq.current}&limit=100`);
    if (page) setMessages((list) => page.reduce(upsert, list));
  }, [load]);
  catchUpRef.current = catchUp;

  const { socket, connected } = useRoomSocket(room.id, onEvent, catchUp);

  async function send(content: RoomSendBody, clientId = newClientId(), reply = replyTo) {
    const text = content.text ?? "";
    drafts.current.set(clientId, content);
    setSendError(null);
    const draft: DisplayMessage = {
      id: `pending-${clientId}`,
      conversationId: "",
      seq: Number.MAX_SAFE_INTEGER,
      clientId,
      senderId: viewerId,
      kind: content.voiceNoteId ? "voice" : content.mediaIds?.length ? "visual" : "text",
      text,
      reactions: [],
      createdAt: new Date().toISOString(),
      pending: "sending",
      ...(reply ? { replyToId: reply.id } : {}),
    };
    setMessages((list) =>
      upsert(
        list.filter((m) => m.clientId !== clientId || m.senderId !== viewerId),
        draft,
      ),
    );
    setReplyTo(null);
    const body = {
      roomId: room.id,
      topicId: topic.id,
      clientId,
      ...(text ? { text } : {}),
      ...(content.mediaIds?.length ? { mediaIds: content.mediaIds } : {}),
      ...(content.voiceNoteId ? { voiceNoteId: content.voiceNoteId } : {}),
      ...(reply ? { replyToId: reply.id } : {}),
    };
    const ack: Ack<{ message: MessageView }> = socket?.connected
      ? await socket
          .timeout(10_000)
          .emitWithAck("room:message:send", body)
          .catch(() => ({ ok: false, error: { code: "INTERNAL", message: t("failed") } }))
      : await roomsApi<{ message: MessageView }>("POST", `/api/rooms/${room.id}/topics/${topic.id}/messages`, body).then((r) =>
          r.ok ? { ok: true as const, ...r.body } : { ok: false as const, error: r.error },
        );
    if (ack.ok) {
      setMessages((list) => upsert(list, ack.message));
      return;
    }
    const { code, message, retryAfter } = ack.error;
    if (code === "SLOW_MODE" || code === "TIMED_OUT" || code === "NUDITY_BLOCKED" || code === "VALIDATION_FAILED") {
      setMessages((list) => list.filter((m) => m.id !== draft.id));
      if (code === "SLOW_MODE" && retryAfter) setSlowUntil(Date.now() + retryAfter * 1000);
      else if (code === "TIMED_OUT" && retryAfter) setRoom((r) => ({ ...r, timedOutUntil: new Date(Date.now() + retryAfter * 1000).toISOString() }));
      else setSendError(message);
      return;
    }
    if (code === "NOT_FOUND") return setClosed("banned");
    setMessages((list) => list.map((m) => (m.id === draft.id ? { ...m, pending: "failed" } : m)));
  }

  async function olderPage() {
    const first = messages.find((m) => !m.pending);
    if (!first) return;
    const page = await load(`?before=${first.seq}&limit=50`);
    if (page) {
      setHasOlder(page.length === 50);
      setMessages((list) => [...page, ...list]);
    }
  }

  async function act(method: string, path: string, body?: unknown) {
    const res = await roomsApi(method, `/api/rooms/${room.id}${path}`, body);
    setNotice(res.ok ? null : res.error.message);
    if (res.ok) setLogVersion((v) => v + 1);
    return res.ok;
  }

  const memberActions = {
    timeout: (userId: string, minutes: number) => void act("POST", "/timeouts", { userId, minutes }),
    ban: (m: { id: string; displayName: string }) => setBanTarget(m),
    setModerator: (userId: string, on: boolean) => void (on ? act("POST", "/moderators", { userId }) : act("DELETE", `/moderators/${userId}`)),
  };

  if (closed) {
    return (
      <section className="room-closed" data-testid="room-closed" aria-labelledby="room-closed-title">
        <span className="notice-icon" aria-hidden="true">
          <Icon name="ban" size={40} />
        </span>
        <h2 id="room-closed-title">{t("bannedTitle")}</h2>
        <p>{t(closed === "banned" ? "bannedBody" : "removedBody", { room: room.name })}</p>
        <Link className="button" href="/rooms">
          {t("backToRooms")}
        </Link>
      </section>
    );
  }

  const topicName = topic.isGeneral ? t("general") : topic.title;
  return (
    <div className="room-view" data-testid="room-view">
      <header className="room-header">
        <Link href="/rooms" className="icon-button room-header-back" aria-label={t("backToRooms")} data-testid="room-back">
          <Icon name="back" />
        </Link>
        <div className="room-header-title">
          <h2>
            <span aria-hidden="true"># </span>
            {topicName}
          </h2>
          <span className="muted small room-header-subtitle">
            <span className="room-header-name" data-testid="room-header-name">
              {room.name}
            </span>
            <span aria-hidden="true">·</span>
            <span className="room-header-count" data-testid="room-member-count">
              {t("members", { count: room.memberCount })}
            </span>
          </span>
        </div>
        <div className="room-header-actions" role="toolbar" aria-label={t("roomInfo")}>
          <button type="button" className="button" aria-pressed={panel === "members"} onClick={() => setPanel(panel === "members" ? null : "members")} data-testid="open-members">
            <Icon name="people" size={20} /> <span className="hide-narrow">{t("membersPanel")}</span>
          </button>
          {staff && (
            <>
              <button type="button" className="button" aria-pressed={panel === "log"} onClick={() => setPanel(panel === "log" ? null : "log")} data-testid="open-log">
                <Icon name="list" size={20} /> <span className="hide-narrow">{t("logPanel")}</span>
              </button>
              <button type="button" className="button" aria-pressed={panel === "settings"} onClick={() => setPanel(panel === "settings" ? null : "settings")} data-testid="open-settings">
                <Icon name="settings" size={20} /> <span className="hide-narrow">{t("settingsPanel")}</span>
              </button>
            </>
          )}
        </div>
      </header>
      <nav className="topic-chips" aria-label={t("topics")}>
        {topics.map((x) => (
          <Link key={x.id} href={`/rooms/${room.id}?topic=${x.id}`} className="topic-chip" aria-current={x.id === topic.id ? "page" : undefined}>
            # {x.isGeneral ? t("general") : x.title}
          </Link>
        ))}
      </nav>
      {!connected && (
        <p className="room-banner small" role="status">
          {t("connectionLost")}
        </p>
      )}
      {notice && (
        <p className="room-banner small" role="status" data-testid="room-notice">
          {notice}
          <button type="button" className="link-button" onClick={() => setNotice(null)} aria-label={t("closePanel")}>
            <Icon name="close" size={18} />
          </button>
        </p>
      )}
      <AnnouncementBar announcements={announcements} />
      <div className="room-body">
        <div className="room-messages">
          {hasOlder && (
            <button type="button" className="button load-older" onClick={olderPage}>
              {t("loadOlder")}
            </button>
          )}
          {messages.length === 0 && <p className="empty-state">{t("noMessages")}</p>}
          <ol className="message-list" ref={listRef} aria-live="polite" data-testid="room-messages">
            {messages.map((m) => {
              const mine = m.senderId === viewerId;
              const quoted = m.replyToId ? messages.find((x) => x.id === m.replyToId) : undefined;
              const target = { id: m.senderId, role: roles[m.senderId] };
              const moderate = canModerate(viewer, target);
              return (
                <RoomMessage
                  key={m.id}
                  message={m}
                  author={people[m.senderId]}
                  authorRole={roles[m.senderId]}
                  mine={mine}
                  quoted={quoted}
                  quotedAuthor={quoted ? people[quoted.senderId] : undefined}
                  viewerId={viewerId}
                  onReply={() => setReplyTo(m)}
                  onReact={(emoji) => void (emoji ? act("POST", `/messages/${m.id}/reactions`, { emoji }) : act("DELETE", `/messages/${m.id}/reactions`))}
                  onRetry={() => void send(drafts.current.get(m.clientId) ?? { text: m.text ?? "" }, m.clientId)}
                  choices={{
                    ...(mine || moderate ? { onDelete: () => void act("DELETE", `/messages/${m.id}`) } : {}),
                    ...(!mine ? { onReport: () => setReportTarget({ userId: m.senderId, name: people[m.senderId]?.displayName ?? t("someone"), messageId: m.id }) } : {}),
                    ...(moderate && roles[m.senderId]
                      ? {
                          onTimeout: (minutes: number) => memberActions.timeout(m.senderId, minutes),
                          onBan: () => memberActions.ban({ id: m.senderId, displayName: people[m.senderId]?.displayName ?? "" }),
                        }
                      : {}),
                  }}
                />
              );
            })}
          </ol>
        </div>
        {panel && (
          <aside className="room-panel" aria-label={panel === "members" ? t("membersPanel") : panel === "log" ? t("logPanel") : t("settingsPanel")}>
            <div className="room-panel-header">
              <h3>{panel === "members" ? t("membersPanel") : panel === "log" ? t("logPanel") : t("settingsPanel")}</h3>
              <button type="button" className="icon-button" onClick={() => setPanel(null)} aria-label={t("closePanel")}>
                <Icon name="close" />
              </button>
            </div>
            {panel === "members" && <MembersPanel members={members} viewer={viewer} actions={memberActions} />}
            {panel === "log" && <LogPanel roomId={room.id} version={logVersion} />}
            {panel === "settings" && (
              <SettingsPanel room={room} pictureConversationId={(topics.find((x) => x.isGeneral) ?? topic).conversationId} onRoom={(r) => setRoom((old) => ({ ...old, ...r }))} />
            )}
            {panel === "members" && room.myRole !== "creator" && (
              <button
                type="button"
                className="button block leave-button"
                onClick={async () => {
                  if (await act("POST", "/leave")) router.push("/rooms");
                }}
              >
                {t("leave")}
              </button>
            )}
          </aside>
        )}
      </div>
      <Composer
        topicName={topicName}
        conversationId={topic.conversationId}
        replyingTo={replyTo ? (people[replyTo.senderId]?.displayName ?? t("someone")) : undefined}
        onCancelReply={() => setReplyTo(null)}
        onSend={(body) => void send(body)}
        timedOutUntil={room.timedOutUntil}
        slowUntil={staff ? undefined : slowUntil}
        slowModeSeconds={staff ? 0 : room.slowModeSeconds}
        error={sendError}
      />
      {reportTarget && <ReportDialog userId={reportTarget.userId} name={reportTarget.name} messageId={reportTarget.messageId} open onClose={() => setReportTarget(null)} />}
      {banTarget && (
        <BanDialog
          name={banTarget.displayName}
          onClose={() => setBanTarget(null)}
          onConfirm={(reason) => void act("POST", "/bans", { userId: banTarget.id, ...(reason.trim() ? { reason: reason.trim() } : {}) })}
        />
      )}
    </div>
  );
}
