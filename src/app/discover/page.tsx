import { getTranslations } from "next-intl/server";
import { AppShell } from "@/components/shell/AppShell";
import { Feed } from "@/components/platform/Feed";
import { PeopleSearch } from "@/components/platform/PeopleSearch";
import "@/components/platform/platform.css";
import { db } from "@/db/client";
import { feed } from "@/domain/platform/posts";
import { requireViewer } from "../_lib/require-viewer";

export default async function DiscoverPage() {
  const viewer = await requireViewer();
  const t = await getTranslations("platform");
  const firstPage = await feed(db(), viewer.id);
  return (
    <AppShell viewer={viewer}>
      <div className="platform-page">
        <h1 className="page-title">{t("discoverTitle")}</h1>
        <PeopleSearch />
        <section aria-labelledby="feed-title">
          <h2 id="feed-title" className="section-title">
            {t("feedTitle")}
          </h2>
          <Feed initial={firstPage} canShare={viewer.canUseDMs} />
        </section>
      </div>
    </AppShell>
  );
}
