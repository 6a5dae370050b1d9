import { getTranslations } from "next-intl/server";
import type { Me } from "@/domain/accounts/view";
import { ChatNotifications } from "@/components/notifications/ChatNotifications";
import { MainNav } from "./MainNav";
import { ProfileMenu } from "./ProfileMenu";

/**
 * Every signed-in page: the top bar with the main navigation and the account menu.
 * With `sidebar`, two panes (a list and its detail) side by side on a desktop and one
 * at a time on a phone (`focus` says which one a phone shows).
 */
export async function AppShell({ viewer, sidebar, focus = "list", children }: { viewer: Me; sidebar?: React.ReactNode; focus?: "list" | "detail"; children: React.ReactNode }) {
  const [t, tc] = await Promise.all([getTranslations("shell"), getTranslations("common")]);
  return (
    <div className="app-shell">
      {viewer.canUseDMs && <ChatNotifications me={viewer.id} />}
      <header className="topbar">
        <div className="brand">
          <span className="brand-mark" aria-hidden="true">
            m
          </span>
          <span>{tc("appName")}</span>
        </div>
        <MainNav me={viewer.canUseDMs ? viewer.id : undefined} username={viewer.username} />
        <ProfileMenu displayName={viewer.displayName} username={viewer.username} />
      </header>
      {sidebar ? (
        <div className="panes" data-focus={focus}>
          <aside className="sidebar" aria-label={t("inbox")}>
            {sidebar}
          </aside>
          <main id="main" className="main-pane">
            {children}
          </main>
        </div>
      ) : (
        <main id="main" className="page">
          {children}
        </main>
      )}
    </div>
  );
}
