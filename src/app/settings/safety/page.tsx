import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { NudityFilterSetting } from "@/components/safety/NudityFilterSetting";
import { BlockedAccounts } from "@/components/settings/BlockedAccounts";
import "@/components/settings/settings.css";
import { AppShell } from "@/components/shell/AppShell";
import { requireDmViewer } from "../../_lib/viewer";
import "@/components/safety/safety.css";
import { Icon } from "@/components/icons";

export async function generateMetadata() {
  const t = await getTranslations("safety");
  return { title: t("pageTitle") };
}

// Under 16 there are no DMs to protect: requireDmViewer sends them to the page that explains why.
export default async function SafetySettingsPage() {
  const viewer = await requireDmViewer();
  const t = await getTranslations("safety");
  return (
    <AppShell viewer={viewer}>
      <div className="safety-page" data-testid="safety-settings">
        <div>
          <Link href="/settings" className="safety-back">
            <Icon name="back" size={16} /> {t("backToSettings")}
          </Link>
          <h1>{t("pageTitle")}</h1>
          <p className="muted">{t("intro")}</p>
        </div>
        <section className="safety-card" aria-label={t("nudityFilter")}>
          <NudityFilterSetting initialOn={viewer.safety.nudityFilter} canChange={viewer.safety.canChange} />
        </section>
        <BlockedAccounts />
        <section className="safety-card" aria-labelledby="safety-how">
          <h2 id="safety-how">{t("howItWorksTitle")}</h2>
          <p>{t("howItWorks")}</p>
          <h2 id="safety-when">{t("whenItAppliesTitle")}</h2>
          <p>{t("whenItApplies")}</p>
        </section>
        <section className="safety-card" aria-labelledby="safety-reports">
          <h2 id="safety-reports">{t("reportsTitle")}</h2>
          <p>{t("reportsBody")}</p>
        </section>
      </div>
    </AppShell>
  );
}
