"use client";
import { useFormatter, useNow, useTranslations } from "next-intl";
import type { AnnouncementView } from "@/domain/rooms/view";

const pad = (n: number) => String(n).padStart(2, "0");

/** Pinned launches and lives, soonest first, with a live countdown. */
export function AnnouncementBar({ announcements }: { announcements: AnnouncementView[] }) {
  const t = useTranslations("rooms");
  const format = useFormatter();
  const now = useNow({ updateInterval: 1000 });
  if (!announcements.length) return null;
  return (
    <section className="announcements" aria-label={t("announcements")} data-testid="announcements">
      {announcements.map((a) => {
        const startsAt = new Date(a.startsAt);
        const left = Math.max(0, startsAt.getTime() - now.getTime());
        const started = left === 0;
        const s = Math.floor(left / 1000);
        return (
          <article key={a.id} className="announcement" data-started={started} data-testid="announcement">
            <span className={`announcement-kind kind-${a.kind}`}>{a.kind === "live" ? t("kindLive") : t("kindLaunch")}</span>
            <div className="announcement-body">
              <strong>{a.title}</strong>
              <span className="small muted">
                <time dateTime={a.startsAt}>{format.dateTime(startsAt, { dateStyle: "medium", timeStyle: "short" })}</time>
                {" · "}
                {started ? t("liveNow", { when: format.relativeTime(startsAt, now) }) : t("startsIn", { when: format.relativeTime(startsAt, now) })}
              </span>
            </div>
            {!started && (
              <span className="countdown" role="timer" aria-label={t("startsIn", { when: format.relativeTime(startsAt, now) })}>
                {t("countdown", { h: pad(Math.floor(s / 3600)), m: pad(Math.floor((s % 3600) / 60)), s: pad(s % 60) })}
              </span>
            )}
            {a.url && (
              <a className="button small-button" href={a.url} target="_blank" rel="noopener noreferrer">
                {t("openLink")}
              </a>
            )}
            {a.post && (
              <span className="announcement-post small">
                {/* eslint-disable-next-line @next/next/no-img-element */}
                <img src={a.post.thumbnailUrl} alt="" width={32} height={32} /> {a.post.title}
              </span>
            )}
          </article>
        );
      })}
    </section>
  );
}
