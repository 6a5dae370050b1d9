"use client";
// Search people by name or username; each result links to the profile.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useId, useState } from "react";
import type { PersonResult } from "@/domain/platform/people";
import { Avatar } from "./Avatar";
import { usePeopleSearch } from "./usePeopleSearch";

export function PeopleSearch() {
  const t = useTranslations("platform");
  const [query, setQuery] = useState("");
  const { people, busy } = usePeopleSearch(query);
  const inputId = useId();
  return (
    <section className="people-search" aria-labelledby={`${inputId}-label`}>
      <label id={`${inputId}-label`} htmlFor={inputId} className="section-title">
        {t("searchPeople")}
      </label>
      <input id={inputId} type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t("searchPlaceholder")} autoComplete="off" data-testid="people-search" />
      <div aria-live="polite" className="muted small">
        {busy ? t("searching") : query.trim() && people.length === 0 ? t("noPeopleFound", { query: query.trim() }) : null}
      </div>
      {people.length > 0 && (
        <ul className="person-list">
          {people.map((p) => (
            <li key={p.id}>
              <PersonLink person={p} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function PersonLink({ person }: { person: PersonResult }) {
  return (
    <Link href={`/u/${person.username}`} className="person-row" data-testid="person-result">
      <Avatar name={person.displayName} url={person.avatarUrl} />
      <span className="person-names">
        <strong>{person.displayName}</strong>
        <span className="muted small">@{person.username}</span>
      </span>
    </Link>
  );
}
