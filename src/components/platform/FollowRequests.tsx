"use client";
// A private account's follow requests, on its own profile: approve or decline each.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import type { FollowRequestView } from "@/domain/platform/follows";
import { callApi } from "./api";
import { Avatar } from "./Avatar";

export function FollowRequests() {
  const t = useTranslations("platform");
  const [requests, setRequests] = useState<FollowRequestView[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void callApi<{ requests: FollowRequestView[] }>("GET", "/api/me/follow-requests").then((res) => {
      if (res.ok) setRequests(res.body.requests);
      else setError(t("actionFailed", { message: res.error.message }));
    });
  }, [t]);

  async function answer(userId: string, approve: boolean) {
    const res = await callApi(approve ? "POST" : "DELETE", `/api/me/follow-requests/${userId}`);
    if (!res.ok) return setError(t("actionFailed", { message: res.error.message }));
    setRequests((list) => list?.filter((r) => r.user.id !== userId) ?? null);
  }

  return (
    <section className="follow-requests" aria-labelledby="follow-requests-title" data-testid="follow-requests">
      <h2 id="follow-requests-title" className="section-title">
        {t("followRequestsTitle")}
      </h2>
      {requests?.length === 0 && <p className="muted">{t("noFollowRequests")}</p>}
      <ul>
        {requests?.map((r) => (
          <li key={r.user.id} className="follow-request" data-testid="follow-request">
            <Link href={`/u/${r.user.username}`} className="follow-request-person">
              <Avatar name={r.user.displayName} url={r.user.avatarUrl} size={36} />
              <span>
                <strong>{r.user.displayName}</strong> <span className="muted">@{r.user.username}</span>
              </span>
            </Link>
            <span className="follow-request-actions">
              <button type="button" className="button primary" onClick={() => answer(r.user.id, true)}>
                {t("approve")}
              </button>
              <button type="button" className="button" onClick={() => answer(r.user.id, false)}>
                {t("decline")}
              </button>
            </span>
          </li>
        ))}
      </ul>
      {error && (
        <p className="form-error" role="status">
          {error}
        </p>
      )}
    </section>
  );
}
