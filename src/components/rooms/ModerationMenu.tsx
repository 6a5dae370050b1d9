"use client";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState } from "react";
import { ROOMS } from "@/shared/limits";
import { durationKey } from "./labels";
import { Icon } from "@/components/icons";

export interface ModerationChoices {
  onDelete?: () => void;
  onTimeout?: (minutes: number) => void;
  onBan?: () => void;
  onMakeModerator?: () => void;
  onRemoveModerator?: () => void;
  /** Any member, on someone else's message: to the room's staff and the platform. */
  onReport?: () => void;
}

/**
 * A "⋯" button opening the actions the viewer may take, as a menu of buttons:
 * reachable by keyboard (Tab, Enter, Escape closes and returns focus).
 */
export function ModerationMenu({ label, choices, testId }: { label: string; choices: ModerationChoices; testId?: string }) {
  const t = useTranslations("rooms");
  const [open, setOpen] = useState(false);
  const [timeouts, setTimeouts] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === "Escape") {
        setOpen(false);
        button.current?.focus();
      }
    };
    const onClick = (e: MouseEvent) => !ref.current?.contains(e.target as Node) && setOpen(false);
    document.addEventListener("keydown", onKey);
    document.addEventListener("mousedown", onClick);
    ref.current?.querySelector<HTMLButtonElement>(".menu-item")?.focus();
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("mousedown", onClick);
    };
  }, [open]);

  // "Time out …" swaps itself for the durations: the focus moves to the first of them.
  useEffect(() => {
    if (timeouts) ref.current?.querySelector<HTMLButtonElement>(".menu-item")?.focus();
  }, [timeouts]);

  if (!Object.values(choices).some(Boolean)) return null;
  const act = (fn?: () => void) => () => {
    setOpen(false);
    setTimeouts(false);
    // The menu goes away with the focused item: back to the "⋯" (a dialog opened next returns there too).
    button.current?.focus();
    fn?.();
  };
  return (
    <div className="mod-menu" ref={ref}>
      <button ref={button} type="button" className="icon-button mod-menu-button" aria-haspopup="true" aria-expanded={open} aria-label={label} onClick={() => setOpen((o) => !o)} data-testid={testId}>
        <Icon name="more" />
      </button>
      {open && (
        <div className="mod-menu-popover" role="group" aria-label={label}>
          {choices.onDelete && (
            <button type="button" className="menu-item danger" onClick={act(choices.onDelete)}>
              {t("delete")}
            </button>
          )}
          {choices.onTimeout &&
            (timeouts ? (
              ROOMS.timeoutMinutes.map((m) => (
                <button key={m} type="button" className="menu-item" onClick={act(() => choices.onTimeout!(m))}>
                  {t("timeOutFor", { duration: t(durationKey[m]) })}
                </button>
              ))
            ) : (
              <button type="button" className="menu-item" onClick={() => setTimeouts(true)}>
                {t("timeOut")} …
              </button>
            ))}
          {choices.onMakeModerator && (
            <button type="button" className="menu-item" onClick={act(choices.onMakeModerator)}>
              {t("makeModerator")}
            </button>
          )}
          {choices.onRemoveModerator && (
            <button type="button" className="menu-item" onClick={act(choices.onRemoveModerator)}>
              {t("removeModerator")}
            </button>
          )}
          {choices.onReport && (
            <button type="button" className="menu-item" onClick={act(choices.onReport)}>
              {t("report")}
            </button>
          )}
          {choices.onBan && (
            <button type="button" className="menu-item danger" onClick={act(choices.onBan)}>
              {t("ban")}
            </button>
          )}
        </div>
      )}
    </div>
  );
}
