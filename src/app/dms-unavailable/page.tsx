import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AppShell } from "@/components/shell/AppShell";
import { AGE } from "@/shared/limits";
import { getViewer } from "../_lib/viewer";

/** Where an under-16 lands: why there are no DMs, in the app's shell (feed, profile, settings). */
export default async function DmsUnavailablePage() {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  if (viewer.canUseDMs) redirect("/inbox");
  const t = await getTranslations("shell");
  return (
    <AppShell viewer={viewer}>
      <div className="notice-page" data-testid="dms-unavailable">
        <div className="notice-card">
          <div className="notice-icon" aria-hidden="true">
            <svg aria-hidden="true" width="40" height="40" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
              <rect x="5" y="11" width="14" height="10" rx="2" />
              <path d="M8 11V8a4 4 0 0 1 8 0v3" />
            </svg>
          </div>
          <h1>{t("dmsUnavailableTitle")}</h1>
          <p>{t("dmsUnavailableBody", { age: viewer.age, minAge: AGE.minimumForDMs })}</p>
          <p>{t("dmsUnavailableWhat")}</p>
          <nav className="notice-actions" aria-label={t("dmsUnavailableTitle")}>
            <Link href="/discover" className="button primary">
              {t("browsePosts")}
            </Link>
            <Link href={`/u/${encodeURIComponent(viewer.username)}`} className="button" data-testid="own-profile-link">
              {t("yourProfile")}
            </Link>
            <Link href="/settings" className="button">
              {t("settingsLink")}
            </Link>
          </nav>
        </div>
      </div>
    </AppShell>
  );
}
