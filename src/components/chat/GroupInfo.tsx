"use client";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useConfirm } from "@/components/a11y/ConfirmDialog";
import type { ChatEngine } from "@/client/chat/engine";
import type { ConversationView } from "@/client/chat/types";
import { CONVERSATION } from "@/shared/limits";
import { Avatar } from "./Avatar";
import { PeoplePicker } from "./PeoplePicker";
import type { PersonResult } from "./usePeopleSearch";
import { Icon } from "@/components/icons";
import { BotBadge } from "@/components/platform/BotBadge";

/** Rename, members (add, remove), leave and mute. Mute also applies to a 1:1. */
export function GroupInfo({ engine, me, conversation, onClose }: { engine: ChatEngine; me: string; conversation: ConversationView; onClose(): void }) {
  const t = useTranslations("chat");
  const router = useRouter();
  const [title, setTitle] = useState(conversation.title ?? "");
  const [adding, setAdding] = useState<PersonResult[]>([]);
  const [error, setError] = useState("");
  const confirm = useConfirm();
  const base = `/api/conversations/${encodeURIComponent(conversation.id)}`;
  const isGroup = conversation.kind === "group";
  const myRole = conversation.members.find((m) => m.id === me)?.role;
  const canRemove = myRole === "owner" || myRole === "admin";

  const call = async (method: string, path: string, body?: unknown) => {
    setError("");
    const res = await engine.conversationRequest(method, path, body);
    if (!res.ok) setError(res.error.message);
    return res.ok;
  };

  return (
    <div className="group-info" role="region" aria-label={t("info")} data-testid="group-info">
      <div className="group-info-head">
        <h3>{t("info")}</h3>
        <button type="button" className="icon-button" aria-label={t("close")} onClick={onClose}>
          <Icon name="close" />
        </button>
      </div>
      <label className="toggle">
        <input type="checkbox" checked={Boolean(conversation.muted)} onChange={(e) => void call("PATCH", base, { muted: e.target.checked })} data-testid="mute" />
        {t("mute")}
      </label>
      {isGroup && (
        <>
          <form className="inline-form" onSubmit={(e) => (e.preventDefault(), title.trim() && void call("PATCH", base, { title: title.trim() }))}>
            <label>
              {t("groupName")}
              <input value={title} maxLength={CONVERSATION.groupTitleMax} onChange={(e) => setTitle(e.target.value)} data-testid="rename-input" />
            </label>
            <button type="submit" className="button" data-testid="rename">
              {t("rename")}
            </button>
          </form>
          <h4>{t("members")}</h4>
          <ul className="member-list">
            {conversation.members.map((m) => (
              <li key={m.id} className="member-row">
                <Avatar person={m} size={32} />
                <span className="person-names">
                  <span>
                    {m.id === me ? t("you") : m.displayName}
                    {m.isBot && <BotBadge />}
                  </span>
                  <span className="muted small">
                    @{m.username}
                    {m.role === "owner" ? ` · ${t("owner")}` : m.role === "admin" ? ` · ${t("admin")}` : ""}
                  </span>
                </span>
                {canRemove && m.id !== me && m.role !== "owner" && (
                  <button type="button" className="chip" onClick={() => void call("DELETE", `${base}/members/${encodeURIComponent(m.id)}`)}>
                    {t("remove", { name: m.displayName })}
                  </button>
                )}
              </li>
            ))}
          </ul>
          {conversation.members.length < CONVERSATION.groupMaxMembers && (
            <form
              className="add-people"
              onSubmit={async (e) => {
                e.preventDefault();
                if (adding.length && (await call("POST", `${base}/members`, { userIds: adding.map((p) => p.id) }))) setAdding([]);
              }}
            >
              <h4>{t("addPeople")}</h4>
              <PeoplePicker selected={adding} onChange={setAdding} exclude={conversation.members.map((m) => m.id)} />
              <button type="submit" className="button" disabled={!adding.length}>
                {t("add")}
              </button>
            </form>
          )}
          <button
            type="button"
            className="button danger"
            data-testid="leave-group"
            onClick={() =>
              confirm.ask({
                title: t("confirmLeave"),
                confirmLabel: t("leave"),
                danger: true,
                run: async () => {
                  if (await call("DELETE", `${base}/members/${encodeURIComponent(me)}`)) {
                    engine.apply({ type: "conversation:removed", conversationId: conversation.id });
                    router.replace("/inbox");
                  }
                },
              })
            }
          >
            {t("leave")}
          </button>
        </>
      )}
      {error && <p className="form-error">{error}</p>}
      {confirm.dialog}
    </div>
  );
}
