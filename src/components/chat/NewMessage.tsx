"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { CONVERSATION, MESSAGE } from "@/shared/limits";
import { PeoplePicker } from "./PeoplePicker";
import { useChatEngine } from "./useChat";
import type { PersonResult } from "./usePeopleSearch";
import "./chat.css";
import { Icon } from "@/components/icons";

/** Pick one person (a 1:1) or several and a title (a group), then write the first message. */
export function NewMessage({ me, initialPeople = [] }: { me: string; initialPeople?: PersonResult[] }) {
  const t = useTranslations("chat");
  const router = useRouter();
  const engine = useChatEngine(me);
  const [people, setPeople] = useState<PersonResult[]>(initialPeople);
  const [title, setTitle] = useState("");
  const [text, setText] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  const [mediaNotice, setMediaNotice] = useState(false);
  const isGroup = people.length > 1;

  const start = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!people.length || !text.trim() || busy) return;
    if (isGroup && !title.trim()) return setError(t("groupNeedsTitle"));
    setBusy(true);
    setError("");
    const res = await engine.startConversation(isGroup ? { kind: "group", title: title.trim(), memberIds: people.map((p) => p.id) } : { kind: "direct", userId: people[0].id }, { text: text.trim() });
    setBusy(false);
    if (!res.ok) return setError(res.error.message);
    router.push(`/inbox/${res.conversation.id}`);
  };

  // The server starts a conversation with a message or a post only: a photo dropped or
  // pasted here is not lost in silence, the form says why.
  const hasFiles = (data: DataTransfer | null) => !!data && (data.files.length > 0 || [...data.items].some((i) => i.kind === "file"));
  const onDragOver = (e: React.DragEvent) => {
    if (hasFiles(e.dataTransfer)) e.preventDefault();
  };
  const onDrop = (e: React.DragEvent) => {
    if (!hasFiles(e.dataTransfer)) return;
    e.preventDefault();
    setMediaNotice(true);
  };
  const onPaste = (e: React.ClipboardEvent) => {
    if (!hasFiles(e.clipboardData)) return;
    e.preventDefault();
    setMediaNotice(true);
  };

  return (
    <section className="new-message" aria-labelledby="new-message-title" onDragOver={onDragOver} onDrop={onDrop} data-testid="new-message">
      <div className="new-message-head">
        <Link href="/inbox" className="icon-button chat-back" aria-label={t("back")}>
          <Icon name="back" />
        </Link>
        <h2 id="new-message-title" className="chat-title">
          {t("newMessage")}
        </h2>
      </div>
      <form className="form" onSubmit={start}>
        <PeoplePicker selected={people} onChange={setPeople} exclude={[me]} />
        {isGroup && (
          <label>
            {t("groupName")}
            <input value={title} maxLength={CONVERSATION.groupTitleMax} onChange={(e) => setTitle(e.target.value)} data-testid="group-title" />
          </label>
        )}
        <label>
          {t("firstMessage")}
          <textarea value={text} maxLength={MESSAGE.textMax} rows={3} onChange={(e) => setText(e.target.value)} onPaste={onPaste} aria-describedby="first-message-hint" data-testid="first-message" />
        </label>
        <p id="first-message-hint" className="muted small" data-testid="first-message-hint">
          {t("firstMessageHint")}
        </p>
        {mediaNotice && (
          <p className="new-message-notice" role="status" data-testid="first-message-media-notice">
            {t("firstMessageMediaNotice")}
          </p>
        )}
        {error && (
          <p className="form-error" data-testid="new-message-error">
            {error}
          </p>
        )}
        <button type="submit" className="button primary" disabled={busy || !people.length || !text.trim()} data-testid="start-chat">
          {t("startChat")}
        </button>
      </form>
    </section>
  );
}
