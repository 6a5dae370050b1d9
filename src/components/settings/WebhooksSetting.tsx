"use client";
// The account's webhooks: register one (URL and events; the signing secret is shown once),
// see each one's state and delivery log, turn one back on after it failed, remove one.
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { ConfirmDialog } from "@/components/a11y/ConfirmDialog";
import { callApi } from "@/components/platform/api";
import { WEBHOOK_EVENTS, type WebhookDeliveryView, type WebhookEvent, type WebhookView } from "@/shared/schemas/webhooks";
import { useApiList } from "@/components/platform/useApiList";

export function WebhooksSetting() {
  const t = useTranslations("settings");
  const [secret, setSecret] = useState<{ hookId: string; value: string } | null>(null);
  const [removing, setRemoving] = useState<WebhookView | null>(null);

  const { items: hooks, error, setError, reload: load } = useApiList<WebhookView>("/api/webhooks", "webhooks");

  async function remove(hook: WebhookView) {
    setRemoving(null);
    const res = await callApi("DELETE", `/api/webhooks/${encodeURIComponent(hook.id)}`);
    if (!res.ok) return setError(res.error.message);
    if (secret?.hookId === hook.id) setSecret(null);
    await load();
  }

  async function enable(hook: WebhookView) {
    const res = await callApi("POST", `/api/webhooks/${encodeURIComponent(hook.id)}/enable`);
    if (!res.ok) return setError(res.error.message);
    await load();
  }

  return (
    <div className="settings-form">
      {secret && (
        <section className="settings-section webhook-secret" aria-labelledby="webhook-secret-title" data-testid="webhook-secret">
          <h2 id="webhook-secret-title">{t("webhookSecretTitle")}</h2>
          <p className="muted small">{t("webhookSecretHint")}</p>
          <input readOnly value={secret.value} aria-labelledby="webhook-secret-title" onFocus={(e) => e.currentTarget.select()} data-testid="webhook-secret-value" />
          <div>
            <button type="button" className="button" onClick={() => setSecret(null)}>
              {t("webhookSecretDone")}
            </button>
          </div>
        </section>
      )}
      <section className="settings-section" aria-labelledby="webhooks-list-title">
        <h2 id="webhooks-list-title">{t("webhooksYours")}</h2>
        {hooks?.length === 0 && <p className="muted small">{t("webhooksNone")}</p>}
        <ul className="webhook-list">
          {hooks?.map((hook) => (
            <WebhookItem key={hook.id} hook={hook} onEnable={() => void enable(hook)} onRemove={() => setRemoving(hook)} />
          ))}
        </ul>
        {error && (
          <p className="form-error" role="status">
            {error}
          </p>
        )}
      </section>
      <NewWebhookForm
        onCreated={(hookId, value) => {
          setSecret({ hookId, value });
          void load();
        }}
      />
      <ConfirmDialog
        open={removing !== null}
        title={t("webhookRemoveTitle")}
        description={removing?.url}
        confirmLabel={t("webhookRemove")}
        danger
        onConfirm={() => removing && void remove(removing)}
        onCancel={() => setRemoving(null)}
      />
    </div>
  );
}

/** Why a URL was refused (target-guard.ts), said in the viewer's language. */
const REFUSALS = ["https_only", "private_address", "credentials_in_url", "not_a_url", "unresolvable", "too_long"];

function NewWebhookForm({ onCreated }: { onCreated(hookId: string, secret: string): void }) {
  const t = useTranslations("settings");
  const [url, setUrl] = useState("");
  const [events, setEvents] = useState<WebhookEvent[]>(["message:new"]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit() {
    setBusy(true);
    const res = await callApi<{ webhook: WebhookView; secret: string }>("POST", "/api/webhooks", { url, events });
    setBusy(false);
    if (!res.ok) {
      const reason = res.error.details?.reason;
      return setError(typeof reason === "string" && REFUSALS.includes(reason) ? t(`webhookRefused.${reason}`) : res.error.message);
    }
    setError(null);
    setUrl("");
    onCreated(res.body.webhook.id, res.body.secret);
  }

  return (
    <form
      className="settings-section webhook-form"
      aria-labelledby="webhook-new-title"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <h2 id="webhook-new-title">{t("webhookNew")}</h2>
      <p className="muted small">{t("webhookNewHint")}</p>
      <label className="webhook-field">
        <span>{t("webhookUrl")}</span>
        <input type="url" required value={url} placeholder={t("webhookUrlPlaceholder")} onChange={(e) => setUrl(e.target.value)} data-testid="webhook-url" />
      </label>
      <fieldset className="webhook-events">
        <legend>{t("webhookEvents")}</legend>
        {WEBHOOK_EVENTS.map((name) => (
          <label key={name} className="webhook-event">
            <input type="checkbox" checked={events.includes(name)} onChange={(e) => setEvents(e.target.checked ? [...events, name] : events.filter((x) => x !== name))} />
            <code>{name}</code>
          </label>
        ))}
      </fieldset>
      {error && (
        <p className="form-error" role="status" data-testid="webhook-error">
          {error}
        </p>
      )}
      <div>
        <button type="submit" className="button primary" disabled={busy || !url || !events.length} data-testid="webhook-create">
          {t("webhookCreate")}
        </button>
      </div>
    </form>
  );
}

function WebhookItem({ hook, onEnable, onRemove }: { hook: WebhookView; onEnable(): void; onRemove(): void }) {
  const t = useTranslations("settings");
  const format = useFormatter();
  const [log, setLog] = useState<WebhookDeliveryView[] | null>(null);

  async function toggleLog() {
    if (log) return setLog(null);
    const res = await callApi<{ deliveries: WebhookDeliveryView[] }>("GET", `/api/webhooks/${encodeURIComponent(hook.id)}/deliveries`);
    setLog(res.ok ? res.body.deliveries : []);
  }

  return (
    <li className="webhook" data-testid="webhook" data-disabled={hook.disabledAt !== null}>
      <div className="webhook-head">
        <code className="webhook-url">{hook.url}</code>
        <span className={`profile-badge ${hook.disabledAt ? "" : "subtle"}`}>{hook.disabledAt ? t("webhookOff") : t("webhookOn")}</span>
      </div>
      <p className="muted small">{hook.events.join(", ")}</p>
      {hook.disabledAt && <p className="small form-error">{t("webhookOffBecause", { when: format.relativeTime(new Date(hook.disabledAt)) })}</p>}
      <div className="webhook-actions">
        <button type="button" className="button" onClick={() => void toggleLog()} aria-expanded={log !== null}>
          {t("webhookLog")}
        </button>
        {hook.disabledAt && (
          <button type="button" className="button primary" onClick={onEnable}>
            {t("webhookEnable")}
          </button>
        )}
        <button type="button" className="button danger" onClick={onRemove}>
          {t("webhookRemove")}
        </button>
      </div>
      {log?.length === 0 && (
        <p className="muted small" data-testid="webhook-log">
          {t("webhookLogEmpty")}
        </p>
      )}
      {log && log.length > 0 && (
        <ol className="webhook-log" data-testid="webhook-log">
          {log.map((d) => (
            <li key={d.id} className="small" data-status={d.status}>
              <code>{d.event}</code> · {t(`webhookStatus.${d.status}`)} · {t("webhookAttempts", { count: d.attempts })}
              {d.lastError ? ` · ${d.lastError}` : d.lastStatus ? ` · HTTP ${d.lastStatus}` : ""} · <time dateTime={d.createdAt}>{format.relativeTime(new Date(d.createdAt))}</time>
            </li>
          ))}
        </ol>
      )}
    </li>
  );
}
