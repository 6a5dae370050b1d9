"use client";
// Personal access tokens (the account's own, or a bot's): make one with a name, scopes and
// an expiry; its secret is shown once; list and revoke them.
import { useFormatter, useTranslations } from "next-intl";
import { type FormEvent, useId, useState } from "react";
import { callApi } from "@/components/platform/api";
import type { PersonalTokenView } from "@/domain/accounts/personal-tokens";
import { TOKENS, type TokenScope } from "@/shared/limits";
import { useApiList } from "@/components/platform/useApiList";

const SCOPE_KEYS: Record<TokenScope, "scopeMessagesRead" | "scopeMessagesWrite" | "scopeRoomsModerate" | "scopeWebhooksManage"> = {
  "messages:read": "scopeMessagesRead",
  "messages:write": "scopeMessagesWrite",
  "rooms:moderate": "scopeRoomsModerate",
  "webhooks:manage": "scopeWebhooksManage",
};

export function ApiTokensSetting({ botId, botName }: { botId?: string; botName?: string }) {
  const t = useTranslations("settings");
  const format = useFormatter();
  const formId = useId();
  const base = botId ? `/api/me/bots/${encodeURIComponent(botId)}/tokens` : "/api/me/tokens";
  const [created, setCreated] = useState<{ token: string; name: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [copied, setCopied] = useState(false);

  const { items: tokens, error, setError, reload: load } = useApiList<PersonalTokenView>(base, "tokens");

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = e.currentTarget;
    const data = new FormData(form);
    const scopes = data.getAll("scope").map(String);
    const expiry = String(data.get("expiry"));
    setBusy(true);
    setError(null);
    const res = await callApi<{ token: string; personalToken: PersonalTokenView }>("POST", base, {
      name: String(data.get("name") ?? ""),
      scopes,
      expiresInDays: expiry === "none" ? null : Number(expiry),
    });
    setBusy(false);
    if (!res.ok) return setError(res.error.message);
    setCreated({ token: res.body.token, name: res.body.personalToken.name });
    setCopied(false);
    form.reset();
    await load();
  }

  async function revoke(token: PersonalTokenView) {
    const res = await callApi("DELETE", `${base}/${encodeURIComponent(token.id)}`);
    if (!res.ok) return setError(res.error.message);
    await load();
  }

  async function copy(value: string) {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
    } catch {
      setCopied(false);
    }
  }

  const date = (iso: string) => format.dateTime(new Date(iso), { dateStyle: "medium" });
  const headingId = `${formId}-heading`;

  return (
    <section className="settings-section" aria-labelledby={headingId} data-testid={botId ? "bot-tokens" : "api-tokens"}>
      <h2 id={headingId}>{botName ? t("botTokens", { name: botName }) : t("apiTokens")}</h2>
      <p className="muted small">{botId ? t("botTokensHint") : t("apiTokensHint")}</p>
      {created && (
        <div className="token-created" data-testid="token-created">
          <p>
            <strong>{t("tokenCreated", { name: created.name })}</strong> {t("tokenShownOnce")}
          </p>
          <div className="token-secret-row">
            <input className="token-secret" readOnly value={created.token} aria-label={t("tokenSecretLabel")} data-testid="token-secret" onFocus={(e) => e.currentTarget.select()} />
            <button type="button" className="button" onClick={() => void copy(created.token)}>
              {copied ? t("tokenCopied") : t("tokenCopy")}
            </button>
            <button type="button" className="button" onClick={() => setCreated(null)} data-testid="token-done">
              {t("tokenDone")}
            </button>
          </div>
        </div>
      )}
      <form className="form token-form" onSubmit={onSubmit} data-testid="token-form">
        <label>
          <span>{t("tokenName")}</span>
          <input name="name" required maxLength={TOKENS.nameMax} autoComplete="off" />
        </label>
        <fieldset className="token-scopes">
          <legend>{t("tokenScopes")}</legend>
          {TOKENS.scopes.map((scope) => (
            <label key={scope} className="choice">
              <input type="checkbox" name="scope" value={scope} defaultChecked={scope === "messages:read"} />
              <span>
                <code>{scope}</code> <span className="muted small">{t(SCOPE_KEYS[scope])}</span>
              </span>
            </label>
          ))}
        </fieldset>
        <label>
          <span>{t("tokenExpiry")}</span>
          <select name="expiry" defaultValue="30">
            {TOKENS.expiryDays.map((d) => (
              <option key={d} value={d}>
                {t("tokenExpiryDays", { days: d })}
              </option>
            ))}
            <option value="none">{t("tokenExpiryMax", { days: TOKENS.maxDays })}</option>
          </select>
        </label>
        <div>
          <button type="submit" className="button primary" disabled={busy} data-testid="token-create">
            {t("tokenCreate")}
          </button>
        </div>
      </form>
      {tokens && tokens.length === 0 && <p className="muted small">{t("tokensNone")}</p>}
      <ul className="device-list">
        {tokens?.map((tk) => (
          <li key={tk.id} className="device token" data-testid="token-row">
            <span className="device-name">
              <strong>{tk.name}</strong>
              {tk.scopes.map((s) => (
                <code key={s} className="token-scope">
                  {s}
                </code>
              ))}
              <span className="muted small token-dates">
                {t("tokenCreatedAt", { when: date(tk.createdAt) })} · {tk.lastUsedAt ? t("tokenLastUsed", { when: format.relativeTime(new Date(tk.lastUsedAt), Date.now()) }) : t("tokenNeverUsed")} ·{" "}
                {tk.expiresAt ? t("tokenExpires", { when: date(tk.expiresAt) }) : t("tokenNoExpiry")}
              </span>
            </span>
            <button type="button" className="button" onClick={() => void revoke(tk)} aria-label={t("tokenRevokeNamed", { name: tk.name })}>
              {t("tokenRevoke")}
            </button>
          </li>
        ))}
      </ul>
      {error && (
        <p className="form-error" role="status">
          {error}
        </p>
      )}
    </section>
  );
}
