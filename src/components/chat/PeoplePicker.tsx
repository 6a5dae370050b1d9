"use client";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import { Avatar } from "./Avatar";
import { usePeopleSearch, type PersonResult } from "./usePeopleSearch";
import { Icon } from "@/components/icons";
import { BotBadge } from "@/components/platform/BotBadge";

/** Search and pick people; those who cannot be messaged are shown but cannot be picked. */
export function PeoplePicker({ selected, onChange, exclude = [] }: { selected: PersonResult[]; onChange(next: PersonResult[]): void; exclude?: string[] }) {
  const t = useTranslations("chat");
  const [query, setQuery] = useState("");
  const { people, loading } = usePeopleSearch(query);
  const inputId = useId();
  const shown = people.filter((p) => !exclude.includes(p.id));
  const isPicked = (p: PersonResult) => selected.some((s) => s.id === p.id);
  const toggle = (p: PersonResult) => onChange(isPicked(p) ? selected.filter((s) => s.id !== p.id) : [...selected, p]);

  return (
    <div className="people-picker">
      {selected.length > 0 && (
        <ul className="picked" aria-label={t("selected")}>
          {selected.map((p) => (
            <li key={p.id}>
              <button type="button" className="chip" onClick={() => toggle(p)} aria-label={t("removePerson", { name: p.displayName })}>
                {p.displayName} <Icon name="close" size={14} />
              </button>
            </li>
          ))}
        </ul>
      )}
      <label htmlFor={inputId} className="people-label">
        {t("to")}
      </label>
      <input id={inputId} type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t("searchPeople")} autoComplete="off" data-testid="people-search" />
      {query.trim() && !loading && shown.length === 0 && <p className="muted small">{t("noPeople")}</p>}
      <ul className="people-results" aria-busy={loading}>
        {shown.map((p) => (
          <li key={p.id}>
            <label className={`person-row ${p.canMessage ? "" : "disabled"}`} data-testid="person-result" data-username={p.username}>
              <input type="checkbox" checked={isPicked(p)} disabled={!p.canMessage} onChange={() => toggle(p)} />
              <Avatar person={p} size={36} />
              <span className="person-names">
                <span>
                  {p.displayName}
                  {p.isBot && <BotBadge />}
                </span>
                <span className="muted small">
                  @{p.username}
                  {p.canMessage ? "" : ` · ${t("cannotMessage")}`}
                </span>
              </span>
            </label>
          </li>
        ))}
      </ul>
    </div>
  );
}
