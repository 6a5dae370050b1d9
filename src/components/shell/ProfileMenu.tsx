"use client";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { LogoutButton } from "../auth/LogoutButton";

export function ProfileMenu({ displayName, username }: { displayName: string; username: string }) {
  const t = useTranslations("shell");
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setOpen(false);
    const onClick = (e: MouseEvent) => !ref.current?.contains(e.target as Node) && setOpen(false);
    document.addEventListener("keydown", onKey);
    document.addEventListener("mousedown", onClick);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("mousedown", onClick);
    };
  }, [open]);
  return (
    <div className="menu" ref={ref}>
      <button type="button" className="avatar-button" aria-haspopup="true" aria-expanded={open} aria-label={t("profileMenu")} onClick={() => setOpen((o) => !o)} data-testid="profile-menu">
        <span className="avatar" aria-hidden="true">
          {displayName.slice(0, 1).toUpperCase()}
        </span>
      </button>
      {open && (
        <div className="menu-popover" role="group" aria-label={t("profileMenu")}>
          <p className="menu-heading">
            <strong>{displayName}</strong>
            <span className="muted">@{username}</span>
          </p>
          <LogoutButton className="button block" />
        </div>
      )}
    </div>
  );
}
