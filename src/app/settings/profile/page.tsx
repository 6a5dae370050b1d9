import { Icon } from "@/components/icons";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AppShell } from "@/components/shell/AppShell";
import { ProfileEditor } from "@/components/settings/ProfileEditor";
import "@/components/settings/settings.css";
import { db } from "@/db/client";
import { getOwnProfile } from "@/domain/accounts/profile";
import { requireViewer } from "../../_lib/require-viewer";

export async function generateMetadata() {
  const t = await getTranslations("settings");
  return { title: t("editProfile") };
}

export default async function EditProfilePage() {
  const viewer = await requireViewer();
  const t = await getTranslations("settings");
  const profile = await getOwnProfile(db(), viewer.id);
  return (
    <AppShell viewer={viewer}>
      <div className="settings-page">
        <p>
          <Link href="/settings" className="settings-back">
            <Icon name="back" size={16} /> {t("backToSettings")}
          </Link>
        </p>
        <h1>{t("editProfile")}</h1>
        <ProfileEditor initial={profile} />
      </div>
    </AppShell>
  );
}
