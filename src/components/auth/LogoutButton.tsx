"use client";
import { signOut } from "next-auth/react";
import { useTranslations } from "next-intl";

export function LogoutButton({ className = "button" }: { className?: string }) {
  const t = useTranslations("auth");
  return (
    <button type="button" className={className} onClick={() => void signOut({ callbackUrl: "/login" })}>
      {t("logOut")}
    </button>
  );
}
