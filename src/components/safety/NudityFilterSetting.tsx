"use client";
// The nudity filter switch. Adults switch it; under 18 it is shown on and locked (the server
// refuses a teen's "off" with AGE_RESTRICTED anyway). The change is saved at once.
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import "./safety.css";
import { Icon } from "@/components/icons";

type Status = "idle" | "saving" | "saved" | "failed";

export function NudityFilterSetting({ initialOn, canChange }: { initialOn: boolean; canChange: boolean }) {
  const t = useTranslations("safety");
  const [on, setOn] = useState(initialOn);
  const [status, setStatus] = useState<Status>("idle");
  const labelId = useId();
  const descriptionId = useId();

  async function toggle() {
    if (!canChange || status === "saving") return;
    const next = !on;
    setOn(next);
    setStatus("saving");
    try {
      const res = await fetch("/api/me/safety", {
        method: "PATCH",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ nudityFilter: next }),
      });
      if (!res.ok) throw new Error(String(res.status));
      const { user } = (await res.json()) as { user: { safety: { nudityFilter: boolean } } };
      setOn(user.safety.nudityFilter);
      setStatus("saved");
    } catch {
      setOn(!next);
      setStatus("failed");
    }
  }

  return (
    <div className="safety-setting" data-testid="nudity-filter">
      <div className="safety-setting-text">
        <span id={labelId} className="safety-setting-label">
          {t("nudityFilter")}
        </span>
        <p id={descriptionId} className="muted">
          {canChange ? (on ? t("nudityFilterOn") : t("nudityFilterOff")) : t("teenLocked")}
        </p>
      </div>
      {canChange ? (
        <button
          type="button"
          role="switch"
          aria-checked={on}
          aria-labelledby={labelId}
          aria-describedby={descriptionId}
          className="switch"
          onClick={toggle}
          disabled={status === "saving"}
          data-testid="nudity-filter-switch"
        >
          <span className="switch-thumb" aria-hidden="true" />
        </button>
      ) : (
        <span className="safety-locked" data-testid="nudity-filter-locked">
          <Icon name="lock" size={16} /> {t("lockedLabel")}
        </span>
      )}
      <p className={`safety-status${status === "failed" ? " form-error" : ""}`} role="status" data-testid="nudity-filter-status">
        {status === "saving" ? t("saving") : status === "saved" ? (on ? t("savedOn") : t("savedOff")) : status === "failed" ? t("saveFailed") : ""}
      </p>
    </div>
  );
}
