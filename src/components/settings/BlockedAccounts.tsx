"use client";
// The accounts this person blocked (GET /api/me/blocks), each with Unblock.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useAnnounce } from "@/components/a11y/LiveAnnouncer";
import { Avatar } from "@/components/platform/Avatar";
import { callApi } from "@/components/platform/api";
import type { BlockedUser } from "@/domain/conversations/blocks";
import { useApiList } from "@/components/platform/useApiList";

export function BlockedAccounts() {
  const t = useTranslations("settings");
  const announce = useAnnounce();
  const [busy, setBusy] = useState<string | null>(null);

  const { items: users, setItems: setUsers, error, setError } = useApiList<BlockedUser>("/api/me/blocks", "users");

  async function unblock(user: BlockedUser) {
    setBusy(user.id);
    setError(null);
    const res = await callApi("DELETE", `/api/users/${encodeURIComponent(user.id)}/block`);
    setBusy(null);
    if (!res.ok) return setError(res.error.message);
    setUsers((list) => list?.filter((u) => u.id !== user.id) ?? null);
    announce(t("unblocked", { name: user.displayName }));
  }

  return (
    <section className="settings-section" aria-labelledby="settings-blocked" data-testid="blocked-accounts">
      <h2 id="settings-blocked">{t("blockedAccounts")}</h2>
      <p className="muted small">{t("blockedAccountsHint")}</p>
      {users && users.length === 0 && <p className="muted">{t("noBlockedAccounts")}</p>}
      {users && users.length > 0 && (
        <ul className="device-list">
          {users.map((u) => (
            <li key={u.id} className="device blocked-account" data-testid="blocked-account">
              <Avatar name={u.displayName} url={u.avatarUrl} size={36} />
              <span className="device-name">
                <Link href={`/u/${encodeURIComponent(u.username)}`}>
                  <strong>{u.displayName}</strong>
                </Link>
                <span className="muted small">@{u.username}</span>
              </span>
              <button type="button" className="button" disabled={busy === u.id} onClick={() => void unblock(u)} data-testid="unblock-button" aria-label={t("unblockName", { name: u.displayName })}>
                {t("unblock")}
              </button>
            </li>
          ))}
        </ul>
      )}
      {error && (
        <p className="form-error" role="status">
          {error}
        </p>
      )}
    </section>
  );
}
