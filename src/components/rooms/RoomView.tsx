"use client";
// The room itself: pinned announcements, the topic's messages in real time, the
// composer, and the members, moderation log and settings panels.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useEffect, useMemo, useRef, useState } from "react";
import { inSeqOrder } from "@/client/chat/message-map";
import type { OutboxItem } from "@/client/chat/types";
import { useChat, useChatEngine } from "@/components/chat/useChat";
import type { AnnouncementView, MemberView, PersonView, RoomView as Room, TopicView } from "@/shared/room-views";
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
import { useRoomSession } from "./useRoomSession";
import "./rooms.css";
import { Icon } from "@/components/icons";

type Panel = "members" | "log" | "settings" | null;

/** My messages on their way to this topic, as bubbles after the topic's messages. */
function pendingOf(outbox: OutboxItem[], topic: TopicView, viewerId: string): DisplayMessage[] {
  return outbox
    .filter((item) => item.room?.topicId === topic.id)
    .map((item) => ({
      id: `pending-${item.clientId}`,
      conversationId: item.conversationId,
      seq: Number.MAX_SAFE_INTEGER,
      clientId: item.clientId,
      senderId: viewerId,
      kind: item.body.voiceNoteId ? "voice" : item.body.mediaIds?.length ? "visual" : "text",
      text: item.body.text ?? "",
      reactions: [],
      createdAt: item.createdAt,
      pending: item.status,
      ...(item.error ? { pendingError: item.error.message } : {}),
      ...(item.waiting ? { waiting: item.waiting } : {}),
      ...(item.body.replyToId ? { replyToId: item.body.replyToId } : {}),
    }));
}

export function RoomView(props: { viewerId: string; room: Room; topics: TopicView[]; topic: TopicView; members: MemberView[]; announcements: AnnouncementView[] }) {
  const { viewerId, topic, topics } = props;
  const t = useTranslations("rooms");
  const router = useRouter();
  const engine = useChatEngine(viewerId);
  const { outbox, status } = useChat(engine);
  const { session, state } = useRoomSession(engine, viewerId, props);
  const { room, members, announcements, closed } = state;
  const [panel, setPanel] = useState<Panel>(null);
  const [replyTo, setReplyTo] = useState<DisplayMessage | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [banTarget, setBanTarget] = useState<{ id: string; displayName: string } | null>(null);
  const [reportTarget, setReportTarget] = useState<{ userId: string; name: string; messageId: string } | null>(null);
  const [logVersion, setLogVersion] = useState(0);
  const listRef = useRef<HTMLOListElement>(null);

  const people = useMemo(() => {
    const map: Record<string, PersonView> = { ...state.authors };
    for (const m of members) map[m.id] = m;
    return map;
  }, [state.authors, members]);
  const roles = useMemo(() => Object.fromEntries(members.map((m) => [m.id, m.role])), [members]);
  const viewer = { id: viewerId, role: room.myRole };
  const staff = isStaffRole(room.myRole);
  const held = state.messages[topic.id];
  const messages = useMemo<DisplayMessage[]>(() => [...inSeqOrder(held), ...pendingOf(outbox, topic, viewerId)], [held, outbox, topic, viewerId]);
  const byId = useMemo(() => new Map(messages.map((m) => [m.id, m])), [messages]);

  // A topic opens on its latest page; catch-up after each connect keeps it complete.
  useEffect(() => {
    void session.open(topic.id);
  }, [session, topic.id]);

  useEffect(() => {
    if (messages.length) listRef.current?.lastElementChild?.scrollIntoView({ block: "end" });
  }, [messages]);

  // What a push means beyond the room's state: the server-rendered sidebar's count and
  // topics, the moderation log, a started promotion.
  useEffect(
    () =>
      engine.onRoomEvent((e) => {
        if (e.payload.roomId !== room.id) return;
        if (e.event === "room:member:joined" || e.event === "room:member:left" || e.event === "room:topic:new") router.refresh();
        if ((e.event === "room:member:banned" || e.event === "room:member:removed") && e.payload.userId !== viewerId) router.refresh();
        if (e.event === "room:member:banned" || e.event === "room:member:updated" || e.event === "room:member:timedout") setLogVersion((v) => v + 1);
        if (e.event === "room:announcement" && e.payload.state === "started") setNotice(t("announcementStarted", { title: e.payload.announcement.title }));
      }),
    [engine, room.id, viewerId, router, t],
  );

  // A send refused as NOT_FOUND: the viewer is out of the room; its fetch says so.
  const lostRoom = outbox.some((item) => item.room?.roomId === room.id && item.error?.code === "NOT_FOUND");
  useEffect(() => {
    if (lostRoom) void session.catchUp();
  }, [lostRoom, session]);

  function send(content: RoomSendBody) {
    session.send(topic, {
      ...(content.text ? { text: content.text } : {}),
      ...(content.mediaIds?.length ? { mediaIds: content.mediaIds } : {}),
      ...(content.voiceNoteId ? { voiceNoteId: content.voiceNoteId } : {}),
      ...(replyTo ? { replyToId: replyTo.id } : {}),
    });
    setReplyTo(null);
  }

  // Slow mode: from my last message here, or until a held-back one may go.
  const slowUntil = useMemo(() => {
    if (staff || !room.slowModeSeconds) return undefined;
    const waits = messages.filter((m) => m.waiting?.code === "SLOW_MODE").map((m) => Date.parse(m.waiting!.until));
    const mine = messages.filter((m) => m.senderId === viewerId && !m.pending).map((m) => Date.parse(m.createdAt) + room.slowModeSeconds * 1000);
    const until = Math.max(0, ...waits, ...mine);
    return until > Date.now() ? until : undefined;
  }, [messages, staff, room.slowModeSeconds, viewerId]);

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
        <p>{t(closed === "banned" ? "bannedBody" : closed === "removed" ? "removedBody" : "goneBody", { room: room.name })}</p>
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
      {status !== "online" && (
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
          {state.hasOlder[topic.id] && (
            <button type="button" className="button load-older" onClick={() => void session.loadOlder(topic.id)}>
              {t("loadOlder")}
            </button>
          )}
          {messages.length === 0 && <p className="empty-state">{t("noMessages")}</p>}
          <ol className="message-list" ref={listRef} aria-live="polite" data-testid="room-messages">
            {messages.map((m) => {
              const mine = m.senderId === viewerId;
              const quoted = m.replyToId ? byId.get(m.replyToId) : undefined;
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
                  onRetry={() => engine.retrySend(m.clientId)}
                  onDiscard={() => engine.discardSend(m.clientId)}
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
              <SettingsPanel
                room={room}
                pictureConversationId={(topics.find((x) => x.isGeneral) ?? topic).conversationId}
                onRoom={(r) => session.reseed({ room: { ...room, ...r }, topics: state.topics, members, announcements })}
              />
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
        onSend={send}
        timedOutUntil={room.timedOutUntil}
        slowUntil={slowUntil}
        slowModeSeconds={staff ? 0 : room.slowModeSeconds}
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
