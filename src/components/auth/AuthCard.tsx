import { useTranslations } from "next-intl";

export function AuthCard({ title, children }: { title: string; children: React.ReactNode }) {
  const t = useTranslations("common");
  return (
    <main id="main" className="auth-page">
      <div className="auth-card">
        <div className="brand" aria-hidden="true">
          <span className="brand-mark">m</span> {t("appName")}
        </div>
        <h1>{title}</h1>
        <p className="muted">{t("tagline")}</p>
        {children}
      </div>
    </main>
  );
}
