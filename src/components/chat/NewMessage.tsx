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
  const isGroup = people.length > 1;

  const start = async (e: React.FormEvent) => {
    e.preventDefault();
    if (!people.length || !text.trim() || busy) return;
    if (isGroup && !title.trim()) return setError(t("groupNeedsTitle"));
    setBusy(true);
    setError("");
    const res = await engine.startConversation(
      isGroup ? { kind: "group", title: title.trim(), memberIds: people.map((p) => p.id) } : { kind: "direct", userId: people[0].id },
      { text: text.trim() },
    );
    setBusy(false);
    if (!res.ok) return setError(res.error.message);
    router.push(`/inbox/${res.conversation.id}`);
  };

  return (
    <section className="new-message" aria-labelledby="new-message-title">
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
          <textarea value={text} maxLength={MESSAGE.textMax} rows={3} onChange={(e) => setText(e.target.value)} data-testid="first-message" />
        </label>
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
