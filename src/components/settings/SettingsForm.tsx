"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useAnnounce } from "@/components/a11y/LiveAnnouncer";
import type { DmPolicy } from "@/shared/schemas/accounts";
import { BlockedAccounts } from "./BlockedAccounts";
import { ChoiceGroup } from "./ChoiceGroup";
import { ApiTokensSetting } from "./ApiTokensSetting";
import { BotsSetting } from "./BotsSetting";
import { DevicesSetting } from "./DevicesSetting";
import { PasswordSetting } from "./PasswordSetting";
import { NotificationSetting } from "./NotificationSetting";
import "./settings.css";

type Saved = { locale: string | null; theme: string | null; dmPolicy: DmPolicy };
type Patch = Partial<Saved>;

// Radio values cannot be null: "auto" stands for "the browser's" / "the system's".
const AUTO = "auto";
const orAuto = (v: string | null) => v ?? AUTO;
const fromAuto = (v: string) => (v === AUTO ? null : v);

/** Each choice saves at once; the page answers in the new language or theme right away. */
export function SettingsForm({ initial, isTeen, mayCreate, canUseDMs }: { initial: Saved; isTeen: boolean; mayCreate: boolean; canUseDMs: boolean }) {
  const t = useTranslations("settings");
  const router = useRouter();
  const announce = useAnnounce();
  const [values, setValues] = useState<Saved>(initial);
  const [status, setStatus] = useState<"idle" | "saving" | "saved" | "error">("idle");
  const [error, setError] = useState<string | null>(null);

  async function save(patch: Patch) {
    const before = values;
    setValues({ ...values, ...patch });
    if ("theme" in patch) applyTheme(patch.theme ?? null);
    setStatus("saving");
    setError(null);
    const response = await fetch("/api/me/settings", { method: "PATCH", headers: { "content-type": "application/json" }, body: JSON.stringify(patch) }).catch(() => null);
    if (!response?.ok) {
      const body = await response?.json().catch(() => null);
      setValues(before);
      if ("theme" in patch) applyTheme(before.theme);
      setStatus("error");
      const message = body?.error?.message ?? t("saveFailed");
      setError(message);
      announce(message, "assertive");
      return;
    }
    setStatus("saved");
    // A new language needs the server's catalogues: render the page again.
    if ("locale" in patch) router.refresh();
    else announce(t("saved"));
  }

  return (
    <div className="settings-form" data-testid="settings-form">
      <nav className="settings-section" aria-labelledby="settings-profile">
        <h2 id="settings-profile">{t("profile")}</h2>
        <ul className="settings-links">
          <li>
            <Link href="/settings/profile" className="settings-link" data-testid="edit-profile-link">
              <span>{t("editProfile")}</span>
              <span className="muted small">{t("editProfileHint")}</span>
            </Link>
          </li>
        </ul>
      </nav>
      <ChoiceGroup
        name="locale"
        legend={t("language")}
        hint={t("languageHint")}
        value={orAuto(values.locale)}
        onChange={(v) => void save({ locale: fromAuto(v) })}
        options={[
          { value: AUTO, label: t("languageAuto") },
          { value: "en", label: t("languageEn"), lang: "en" },
          { value: "de", label: t("languageDe"), lang: "de" },
        ]}
      />
      <ChoiceGroup
        name="theme"
        legend={t("theme")}
        value={orAuto(values.theme)}
        onChange={(v) => void save({ theme: fromAuto(v) })}
        options={[
          { value: AUTO, label: t("themeSystem") },
          { value: "light", label: t("themeLight") },
          { value: "dark", label: t("themeDark") },
        ]}
      />
      {canUseDMs && (
        <ChoiceGroup
          name="dmPolicy"
          legend={t("dmPolicy")}
          hint={isTeen ? t("dmPolicyTeenHint") : t("dmPolicyHint")}
          value={values.dmPolicy}
          onChange={(v) => void save({ dmPolicy: v as DmPolicy })}
          options={[
            // Under 18 the choice is friends or nobody (the server refuses "everyone").
            ...(isTeen ? [] : [{ value: "everyone", label: t("dmEveryone") }]),
            { value: "friends", label: t("dmFriends") },
            { value: "nobody", label: t("dmNobody") },
          ]}
        />
      )}
      {canUseDMs && <NotificationSetting />}
      <p className="settings-status" data-testid="settings-status" data-state={status}>
        {status === "saving" ? t("saving") : status === "saved" ? t("saved") : status === "error" ? <span className="form-error">{error}</span> : null}
      </p>
      <DevicesSetting />
      <PasswordSetting />
      <ApiTokensSetting />
      {!isTeen && <BotsSetting />}
      <BlockedAccounts />
      <nav className="settings-section" aria-labelledby="settings-more">
        <h2 id="settings-more">{t("more")}</h2>
        <ul className="settings-links">
          {canUseDMs && (
            <li>
              <Link href="/settings/safety" className="settings-link">
                <span>{t("safetyLink")}</span>
                <span className="muted small">{t("safetyLinkHint")}</span>
              </Link>
            </li>
          )}
          {!isTeen && (
            <li>
              <Link href="/settings/webhooks" className="settings-link" data-testid="webhooks-link">
                <span>{t("webhooksLink")}</span>
                <span className="muted small">{t("webhooksLinkHint")}</span>
              </Link>
            </li>
          )}
          {mayCreate && (
            <li>
              <Link href="/settings/creator" className="settings-link">
                <span>{t("creatorLink")}</span>
                <span className="muted small">{t("creatorLinkHint")}</span>
              </Link>
            </li>
          )}
        </ul>
      </nav>
    </div>
  );
}

/** The same attribute the server renders, so the change shows before the next page load. */
function applyTheme(theme: string | null) {
  if (theme === "light" || theme === "dark") document.documentElement.dataset.theme = theme;
  else delete document.documentElement.dataset.theme;
}
