import { useTranslations } from "next-intl";
import type { RoomEligibility } from "@/domain/platform/room-eligibility";
import { ROOMS } from "@/shared/limits";
import { Icon } from "@/components/icons";

/** What it takes to create rooms, each condition marked met or missing. */
export function EligibilityCard({ eligibility }: { eligibility: RoomEligibility }) {
  const t = useTranslations("rooms");
  const rules = [
    { key: "age", met: !eligibility.reasons.includes("age"), text: t("ruleAge", { age: ROOMS.creatorMinAge }) },
    {
      key: "followers",
      met: !eligibility.reasons.includes("followers"),
      text: t("ruleFollowers", { min: ROOMS.creatorMinFollowers, count: eligibility.followerCount }),
    },
    { key: "monetized", met: !eligibility.reasons.includes("subscriptionOrFanClub"), text: t("ruleMonetized") },
  ];
  return (
    <section className="rooms-card" aria-labelledby="eligibility-title" data-testid="eligibility">
      <h2 id="eligibility-title">{t("eligibilityTitle")}</h2>
      <p className="muted">{t("eligibilityIntro")}</p>
      <ul className="eligibility-list">
        {rules.map((r) => (
          <li key={r.key} data-met={r.met} data-testid={`rule-${r.key}`}>
            <span className="rule-mark" aria-hidden="true">
              <Icon name={r.met ? "check" : "close"} size={16} />
            </span>
            <span>{r.text}</span>
            <span className="visually-hidden">{r.met ? t("ruleMet") : t("ruleMissing")}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}
