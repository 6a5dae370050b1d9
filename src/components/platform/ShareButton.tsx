"use client";
// "Share" on a post: opens the Share sheet.
import { useTranslations } from "next-intl";
import { useState } from "react";
import { ShareSheet } from "./ShareSheet";
import { Icon } from "@/components/icons";

export function ShareButton({ post, compact = false }: { post: { id: string; title: string }; compact?: boolean }) {
  const t = useTranslations("platform");
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" className={compact ? "button small-button" : "button primary"} onClick={() => setOpen(true)} data-testid="share-button">
        <Icon name="share" size={18} /> {t("share")}
      </button>
      {open && <ShareSheet post={post} onClose={() => setOpen(false)} />}
    </>
  );
}
