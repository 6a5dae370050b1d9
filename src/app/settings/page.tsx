import { getTranslations } from "next-intl/server";
import { AppShell } from "@/components/shell/AppShell";
import { SettingsForm } from "@/components/settings/SettingsForm";
import { AGE, ROOMS } from "@/shared/limits";
import { requireViewer } from "../_lib/require-viewer";

export async function generateMetadata() {
  const t = await getTranslations("settings");
  return { title: t("title") };
}

export default async function SettingsPage() {
  // Every account has settings (language, theme, devices, password); the DM ones only from 16.
  const viewer = await requireViewer();
  const t = await getTranslations("settings");
  return (
    <AppShell viewer={viewer}>
      <div className="settings-page">
        <h1>{t("title")}</h1>
        <SettingsForm
          initial={{ locale: viewer.settings.locale, theme: viewer.settings.theme, dmPolicy: viewer.settings.dmPolicy }}
          isTeen={viewer.age < AGE.adult}
          mayCreate={viewer.age >= ROOMS.creatorMinAge}
          canUseDMs={viewer.canUseDMs}
        />
      </div>
    </AppShell>
  );
}
