"use client";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import type { ModerationLogView } from "@/domain/rooms/view";
import type { RoomReportView } from "@/domain/safety/reports";
import { roomsApi } from "./api";

/** Who did what, to whom, when and why: newest first. Staff only. */
export function LogPanel({ roomId, version }: { roomId: string; version: number }) {
  const t = useTranslations("rooms");
  const tSafety = useTranslations("safety");
  const format = useFormatter();
  const [entries, setEntries] = useState<ModerationLogView[] | null>(null);
  const [bans, setBans] = useState<{ userId: string; user: { displayName: string } | null; reason: string | null }[]>([]);
  const [reports, setReports] = useState<RoomReportView[]>([]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: `version` asks for a fresh read after a moderation action
  useEffect(() => {
    let live = true;
    void Promise.all([
      roomsApi<{ entries: ModerationLogView[] }>("GET", `/api/rooms/${roomId}/moderation-log`),
      roomsApi<{ bans: typeof bans }>("GET", `/api/rooms/${roomId}/bans`),
      roomsApi<{ reports: RoomReportView[] }>("GET", `/api/rooms/${roomId}/reports`),
    ]).then(([log, banList, reportList]) => {
      if (!live) return;
      if (log.ok) setEntries(log.body.entries);
      if (banList.ok) setBans(banList.body.bans);
      if (reportList.ok) setReports(reportList.body.reports);
    });
    return () => {
      live = false;
    };
  }, [roomId, version]);

  async function unban(userId: string) {
    const res = await roomsApi("DELETE", `/api/rooms/${roomId}/bans/${userId}`);
    if (res.ok) setBans((b) => b.filter((x) => x.userId !== userId));
  }

  if (!entries) return <p className="muted">…</p>;
  return (
    <div className="log-panel">
      <h3 className="room-section-title">{t("bans")}</h3>
      {bans.length ? (
        <ul className="member-list">
          {bans.map((b) => (
            <li key={b.userId} className="member-row">
              <span className="member-name">
                <strong>{b.user?.displayName ?? t("someone")}</strong>
                {b.reason && <span className="small muted">{t("logReason", { reason: b.reason })}</span>}
              </span>
              <button type="button" className="button" onClick={() => unban(b.userId)}>
                {t("unban")}
              </button>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">{t("noBans")}</p>
      )}
      <h3 className="room-section-title">{t("reports")}</h3>
      {reports.length ? (
        <ul className="member-list" data-testid="room-reports">
          {reports.map((r) => (
            <li key={r.id} className="member-row">
              <span className="member-name">
                <strong>{t("reportLine", { name: r.reportedUser.displayName, reason: tSafety(`reasons.${r.reason}`) })}</strong>
                {r.details && <span className="small muted">{r.details}</span>}
              </span>
              <time className="small muted" dateTime={r.createdAt}>
                {format.dateTime(new Date(r.createdAt), { dateStyle: "short", timeStyle: "short" })}
              </time>
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted small">{t("noReports")}</p>
      )}
      <h3 className="room-section-title">{t("logPanel")}</h3>
      {entries.length === 0 && <p className="muted">{t("logEmpty")}</p>}
      <ol className="log-list" data-testid="moderation-log">
        {entries.map((e) => {
          const details = (e.details ?? {}) as { minutes?: number; seconds?: number };
          const values = {
            actor: e.actor?.displayName ?? t("someone"),
            target: e.target?.displayName ?? t("someone"),
            minutes: details.minutes ?? 0,
            seconds: details.seconds ?? 0,
          };
          return (
            <li key={e.id} className="log-entry" data-testid="log-entry">
              <span>{t(`log_${e.action}`, values)}</span>
              {e.reason && <span className="small muted">{t("logReason", { reason: e.reason })}</span>}
              <time className="small muted" dateTime={e.createdAt}>
                {format.dateTime(new Date(e.createdAt), { dateStyle: "short", timeStyle: "short" })}
              </time>
            </li>
          );
        })}
      </ol>
    </div>
  );
}
