import { getTranslations } from "next-intl/server";
import type { Me } from "@/domain/accounts/view";
import { ProfileMenu } from "./ProfileMenu";

/** Phone-width first: one column; on a desktop the sidebar and the chat sit side by side. */
export async function AppShell({ viewer, sidebar, children }: { viewer: Me; sidebar?: React.ReactNode; children: React.ReactNode }) {
  const t = await getTranslations("shell");
  return (
    <div className="app-shell">
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">m</span>
          <span>Murmur</span>
        </div>
        <ProfileMenu displayName={viewer.displayName} username={viewer.username} />
      </header>
      <div className="panes">
        <nav className="sidebar" aria-label={t("inbox")}>
          {sidebar ?? <h1 className="pane-title">{t("inbox")}</h1>}
        </nav>
        <main id="main" className="main-pane">
          {children}
        </main>
      </div>
    </div>
  );
}
