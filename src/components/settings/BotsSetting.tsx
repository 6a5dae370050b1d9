"use client";
// Bot accounts (adults only): make one (username, display name); it has no password and
// speaks through the tokens made for it here.
import { useTranslations } from "next-intl";
import { type FormEvent, useState } from "react";
import { callApi } from "@/components/platform/api";
import { BotBadge } from "@/components/platform/BotBadge";
import type { BotView } from "@/domain/accounts/bots";
import { ACCOUNT } from "@/shared/limits";
import { ApiTokensSetting } from "./ApiTokensSetting";
import { useApiList } from "@/components/platform/useApiList";

export function BotsSetting() {
  const t = useTranslations("settings");
  const [open, setOpen] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const { items: bots, error, setError, reload: load } = useApiList<BotView>("/api/me/bots", "bots");

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    setBusy(true);
    setError(null);
    const res = await callApi<{ bot: BotView }>("POST", "/api/me/bots", { username: String(data.get("username") ?? ""), displayName: String(data.get("displayName") ?? "") });
    setBusy(false);
    if (!res.ok) return setError(res.error.message);
    form.reset();
    setOpen(res.body.bot.id);
    await load();
  }

  return (
    <section className="settings-section" aria-labelledby="settings-bots" data-testid="bots">
      <h2 id="settings-bots">{t("bots")}</h2>
      <p className="muted small">{t("botsHint")}</p>
      <ul className="device-list">
        {bots?.map((b) => (
          <li key={b.id} className="bot-item" data-testid="bot-row">
            <div className="device">
              <span className="device-name">
                <strong>{b.displayName}</strong>
                <BotBadge />
                <span className="muted small">@{b.username}</span>
              </span>
              <button type="button" className="button" aria-expanded={open === b.id} onClick={() => setOpen(open === b.id ? null : b.id)}>
                {open === b.id ? t("botHideTokens") : t("botShowTokens")}
              </button>
            </div>
            {open === b.id && <ApiTokensSetting botId={b.id} botName={b.displayName} />}
          </li>
        ))}
      </ul>
      <form className="form token-form" onSubmit={onSubmit} data-testid="bot-form">
        <label>
          <span>{t("botUsername")}</span>
          <input name="username" required minLength={ACCOUNT.usernameMin} maxLength={ACCOUNT.usernameMax} pattern="[a-zA-Z0-9_.]+" autoComplete="off" />
        </label>
        <label>
          <span>{t("botDisplayName")}</span>
          <input name="displayName" required maxLength={ACCOUNT.displayNameMax} autoComplete="off" />
        </label>
        <div>
          <button type="submit" className="button primary" disabled={busy}>
            {t("botCreate")}
          </button>
        </div>
      </form>
      {error && (
        <p className="form-error" role="status">
          {error}
        </p>
      )}
    </section>
  );
}
