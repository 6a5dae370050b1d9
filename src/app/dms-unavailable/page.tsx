import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { LogoutButton } from "@/components/auth/LogoutButton";
import { getViewer } from "../_lib/viewer";

export default async function DmsUnavailablePage() {
  const viewer = await getViewer();
  if (!viewer) redirect("/login");
  if (viewer.canUseDMs) redirect("/inbox");
  const t = await getTranslations("shell");
  return (
    <main id="main" className="notice-page" data-testid="dms-unavailable">
      <div className="notice-card">
        <div className="notice-icon" aria-hidden="true">🔒</div>
        <h1>{t("dmsUnavailableTitle")}</h1>
        <p>{t("dmsUnavailableBody", { age: viewer.age })}</p>
        <p>{t("dmsUnavailableWhat")}</p>
        <LogoutButton />
      </div>
    </main>
  );
}
