import { getTranslations } from "next-intl/server";
import { AppShell } from "@/components/shell/AppShell";
import { CreatorSettings } from "@/components/platform/CreatorSettings";
import "@/components/platform/platform.css";
import { db } from "@/db/client";
import { creatorDashboard } from "@/domain/platform/creators";
import { requireViewer } from "../../_lib/require-viewer";

export default async function CreatorSettingsPage() {
  const viewer = await requireViewer();
  const t = await getTranslations("platform");
  const dashboard = await creatorDashboard(db(), viewer.id);
  return (
    <AppShell viewer={viewer}>
      <div className="platform-page">
        <h1 className="page-title">{t("creatorSettingsTitle")}</h1>
        <CreatorSettings initial={dashboard} />
      </div>
    </AppShell>
  );
}
