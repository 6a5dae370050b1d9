"use client";
import { useFormatter, useTranslations } from "next-intl";
import type { MemberView } from "@/domain/rooms/view";
import type { RoomRole } from "@/shared/schemas/rooms";
import { roleKey } from "./labels";
import { ModerationMenu } from "./ModerationMenu";
import { canModerate } from "./permissions";
import { BotBadge } from "@/components/platform/BotBadge";

export interface MemberActions {
  timeout(userId: string, minutes: number): void;
  ban(member: MemberView): void;
  setModerator(userId: string, on: boolean): void;
}

/** Everyone in the room with their role; staff get a moderation menu on each member. */
export function MembersPanel({ members, viewer, actions }: { members: MemberView[]; viewer: { id: string; role?: RoomRole }; actions: MemberActions }) {
  const t = useTranslations("rooms");
  const format = useFormatter();
  return (
    <ul className="member-list" data-testid="member-list">
      {members.map((m) => {
        const allowed = canModerate(viewer, m);
        return (
          <li key={m.id} className="member-row" data-testid="member-row" data-username={m.username}>
            <span className="avatar small-avatar" aria-hidden="true">
              {m.displayName.slice(0, 1).toUpperCase()}
            </span>
            <span className="member-name">
              <strong>{m.displayName}</strong>
              {m.isBot && <BotBadge />}
              <span className="muted small">@{m.username}</span>
              {m.timedOutUntil && <span className="small muted">{t("timedOutUntil", { time: format.dateTime(new Date(m.timedOutUntil), { dateStyle: "short", timeStyle: "short" }) })}</span>}
            </span>
            {m.role !== "member" && <span className={`role-badge role-${m.role}`}>{t(roleKey[m.role])}</span>}
            <ModerationMenu
              label={t("memberActions", { name: m.displayName })}
              testId={`member-menu-${m.username}`}
              choices={
                allowed
                  ? {
                      onTimeout: (minutes) => actions.timeout(m.id, minutes),
                      onBan: () => actions.ban(m),
                      ...(viewer.role === "creator" && m.role === "member" ? { onMakeModerator: () => actions.setModerator(m.id, true) } : {}),
                      ...(viewer.role === "creator" && m.role === "moderator" ? { onRemoveModerator: () => actions.setModerator(m.id, false) } : {}),
                    }
                  : {}
              }
            />
          </li>
        );
      })}
    </ul>
  );
}
