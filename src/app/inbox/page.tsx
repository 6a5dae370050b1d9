import { getTranslations } from "next-intl/server";
import { AppShell } from "@/components/shell/AppShell";
import { requireDmViewer } from "../_lib/viewer";

export default async function InboxPage() {
  const viewer = await requireDmViewer();
  const t = await getTranslations("shell");
  return (
    <AppShell viewer={viewer} sidebar={<h1 className="pane-title">{t("inbox")}</h1>}>
      <section className="empty-state" aria-labelledby="inbox-empty">
        <h2 id="inbox-empty">{t("noConversations")}</h2>
        <p>{t("noConversationsHint")}</p>
      </section>
    </AppShell>
  );
}
