"use client";
// The Share sheet: pick people (search) and/or groups, add an optional note, send.
// One message goes to each recipient; the sheet then shows each recipient's result
// (sent, or why not), because a refused recipient does not stop the others.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import type { ShareResult } from "./share-result";
import { MESSAGE } from "@/shared/limits";
import type { ShareRecipient } from "@/shared/schemas/platform";
import { callApi } from "./api";
import { Avatar } from "./Avatar";
import { usePeopleSearch } from "./usePeopleSearch";
import { Icon } from "@/components/icons";

interface Pick {
  key: string;
  label: string;
  recipient: ShareRecipient;
}
interface Group {
  id: string;
  kind: string;
  title: string | null;
}

export function ShareSheet({ post, onClose }: { post: { id: string; title: string }; onClose: () => void }) {
  const t = useTranslations("platform");
  const tCommon = useTranslations("common");
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [query, setQuery] = useState("");
  const { people } = usePeopleSearch(query);
  const [groups, setGroups] = useState<Group[]>([]);
  const [picked, setPicked] = useState<Pick[]>([]);
  const [note, setNote] = useState("");
  const [busy, setBusy] = useState(false);
  const [results, setResults] = useState<{ pick: Pick; result: ShareResult }[] | null>(null);
  const [clientId] = useState(() => crypto.randomUUID());

  useEffect(() => {
    dialog.current?.showModal();
    void callApi<{ conversations: Group[] }>("GET", "/api/conversations").then((res) => {
      if (res.ok) setGroups(res.body.conversations.filter((c) => c.kind === "group"));
    });
  }, []);

  const isPicked = (key: string) => picked.some((p) => p.key === key);
  const toggle = (pick: Pick) => setPicked((list) => (isPicked(pick.key) ? list.filter((p) => p.key !== pick.key) : [...list, pick]));

  async function send() {
    setBusy(true);
    const res = await callApi<{ results: ShareResult[] }>("POST", `/api/posts/${post.id}/share`, {
      recipients: picked.map((p) => p.recipient),
      note: note.trim() || undefined,
      clientId,
    });
    setBusy(false);
    if (res.ok) setResults(picked.map((pick, i) => ({ pick, result: res.body.results[i] })));
    else setResults(picked.map((pick) => ({ pick, result: { recipient: pick.recipient, ok: false, error: res.error } as ShareResult })));
  }

  return (
    <dialog ref={dialog} className="share-sheet" aria-labelledby={titleId} onClose={onClose} data-testid="share-sheet">
      <div className="share-sheet-head">
        <h2 id={titleId}>{t("shareTitle", { title: post.title })}</h2>
        <button type="button" className="icon-button" onClick={() => dialog.current?.close()} aria-label={tCommon("close")}>
          <Icon name="close" />
        </button>
      </div>

      {results ? (
        <div className="share-results">
          <h3 className="section-title">{t("shareResults")}</h3>
          <ul className="person-list" data-testid="share-results">
            {results.map(({ pick, result }) => (
              <li key={pick.key} className="share-result" data-testid="share-result" data-ok={result.ok}>
                <span>{pick.label}</span>
                {result.ok ? (
                  <span className="share-ok">
                    <Icon name="check" size={16} /> {t("shareSent")} · <Link href={`/inbox/${result.conversationId}`}>{t("openChat")}</Link>
                  </span>
                ) : (
                  <span className="share-error">{result.error.message}</span>
                )}
              </li>
            ))}
          </ul>
          <button type="button" className="button primary block" onClick={() => dialog.current?.close()}>
            {t("shareDone")}
          </button>
        </div>
      ) : (
        <form
          className="form share-form"
          onSubmit={(e) => {
            e.preventDefault();
            if (picked.length) void send();
          }}
        >
          {picked.length > 0 && (
            <ul className="share-chips" aria-label={t("shareSelected", { count: picked.length })}>
              {picked.map((p) => (
                <li key={p.key}>
                  <button type="button" className="share-chip" onClick={() => toggle(p)} aria-label={t("removeRecipient", { name: p.label })}>
                    {p.label} <Icon name="close" size={14} />
                  </button>
                </li>
              ))}
            </ul>
          )}
          <label>
            {t("shareSearchLabel")}
            <input type="search" value={query} onChange={(e) => setQuery(e.target.value)} placeholder={t("shareSearchPlaceholder")} autoComplete="off" data-testid="share-search" />
          </label>
          <ul className="person-list share-candidates">
            {people.map((p) => {
              const pick: Pick = { key: `u:${p.id}`, label: p.displayName, recipient: { userId: p.id } };
              return (
                <li key={p.id}>
                  <label className="person-row selectable" data-disabled={!p.canMessage}>
                    <input type="checkbox" checked={isPicked(pick.key)} disabled={!p.canMessage} onChange={() => toggle(pick)} data-testid="share-candidate" />
                    <Avatar name={p.displayName} url={p.avatarUrl} />
                    <span className="person-names">
                      <strong>{p.displayName}</strong>
                      <span className="muted small">
                        @{p.username}
                        {p.canMessage ? "" : ` · ${t("shareCannotMessage")}`}
                      </span>
                    </span>
                  </label>
                </li>
              );
            })}
          </ul>
          {groups.length > 0 && (
            <fieldset className="share-groups">
              <legend className="section-title">{t("shareGroups")}</legend>
              <ul className="person-list">
                {groups.map((g) => {
                  const pick: Pick = { key: `c:${g.id}`, label: g.title ?? "", recipient: { conversationId: g.id } };
                  return (
                    <li key={g.id}>
                      <label className="person-row selectable">
                        <input type="checkbox" checked={isPicked(pick.key)} onChange={() => toggle(pick)} />
                        <Avatar name={g.title ?? "#"} url={null} />
                        <strong>{g.title}</strong>
                      </label>
                    </li>
                  );
                })}
              </ul>
            </fieldset>
          )}
          <label>
            {t("shareNote")}
            <textarea value={note} onChange={(e) => setNote(e.target.value)} maxLength={MESSAGE.textMax} rows={2} data-testid="share-note" />
          </label>
          <p className="muted small" aria-live="polite">
            {picked.length ? t("shareSelected", { count: picked.length }) : t("shareNoneSelected")}
          </p>
          <button type="submit" className="button primary block" disabled={busy || picked.length === 0} data-testid="share-send">
            {busy ? t("shareSending") : t("shareSend")}
          </button>
        </form>
      )}
    </dialog>
  );
}
