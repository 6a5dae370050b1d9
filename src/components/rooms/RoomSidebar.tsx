import Link from "next/link";
import { useTranslations } from "next-intl";
import type { RoomView, TopicView } from "@/domain/rooms/view";
import { NewTopicForm } from "./NewTopicForm";
import "./rooms.css";
import { Icon } from "@/components/icons";

/** The room's name and its topics; staff open new topics here. */
export function RoomSidebar({ room, topics, currentTopicId }: { room: RoomView; topics: TopicView[]; currentTopicId: string }) {
  const t = useTranslations("rooms");
  const staff = room.myRole === "creator" || room.myRole === "moderator";
  return (
    <div className="room-sidebar">
      <Link href="/rooms" className="small room-back">
        <Icon name="back" size={16} /> {t("backToRooms")}
      </Link>
      <h1 className="pane-title room-sidebar-title">{room.name}</h1>
      <p className="muted small room-sidebar-meta">
        {t("by", { name: room.creator.displayName })} · <span data-testid="sidebar-member-count">{t("members", { count: room.memberCount })}</span>
      </p>
      <nav aria-label={t("topics")}>
        <h2 className="room-section-title">{t("topics")}</h2>
        <ul className="topic-list" data-testid="topic-list">
          {topics.map((topic) => (
            <li key={topic.id}>
              <Link href={`/rooms/${room.id}?topic=${topic.id}`} aria-current={topic.id === currentTopicId ? "page" : undefined} className="topic-link">
                <span aria-hidden="true">#</span> {topic.isGeneral ? t("general") : topic.title}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {staff && <NewTopicForm roomId={room.id} />}
    </div>
  );
}
