import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Icon } from "@/components/icons";
import { WebhooksSetting } from "@/components/settings/WebhooksSetting";
import "@/components/settings/settings.css";
import { AppShell } from "@/components/shell/AppShell";
import { AGE } from "@/shared/limits";
import { requireViewer } from "../../_lib/require-viewer";

export async function generateMetadata() {
  const t = await getTranslations("settings");
  return { title: t("webhooksTitle") };
}

// Adults only, as the API: a hook sends one's messages to a server outside Murmur.
export default async function WebhooksPage() {
  const viewer = await requireViewer();
  if (viewer.age < AGE.adult) redirect("/settings");
  const t = await getTranslations("settings");
  return (
    <AppShell viewer={viewer}>
      <div className="settings-page" data-testid="webhooks-page">
        <Link href="/settings" className="settings-back">
          <Icon name="back" size={16} /> {t("backToSettings")}
        </Link>
        <h1>{t("webhooksTitle")}</h1>
        <p className="muted">{t("webhooksIntro")}</p>
        <WebhooksSetting />
      </div>
    </AppShell>
  );
}
