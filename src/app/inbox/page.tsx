import { getTranslations } from "next-intl/server";
import { InboxList } from "@/components/chat/InboxList";
import { AppShell } from "@/components/shell/AppShell";
import { requireDmViewer } from "../_lib/viewer";

export default async function InboxPage() {
  const viewer = await requireDmViewer();
  const t = await getTranslations("shell");
  return (
    <AppShell viewer={viewer} sidebar={<InboxList me={viewer.id} />} focus="list">
      <section className="empty-state">
        <p>{t("selectConversation")}</p>
      </section>
    </AppShell>
  );
}
