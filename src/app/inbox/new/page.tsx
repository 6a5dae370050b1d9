import { InboxList } from "@/components/chat/InboxList";
import { NewMessage } from "@/components/chat/NewMessage";
import { AppShell } from "@/components/shell/AppShell";
import { db } from "@/db/client";
import { messageablePerson } from "@/domain/platform/people";
import { requireDmViewer } from "../../_lib/viewer";

/** `?to=<userId>` (the "Message" button on a profile) starts with that person picked. */
export default async function NewMessagePage({ searchParams }: { searchParams: Promise<{ to?: string | string[] }> }) {
  const viewer = await requireDmViewer();
  const { to } = await searchParams;
  const picked = typeof to === "string" ? await messageablePerson(db(), viewer.id, to) : null;
  return (
    <AppShell viewer={viewer} sidebar={<InboxList me={viewer.id} />} focus="detail">
      <NewMessage me={viewer.id} initialPeople={picked ? [picked] : []} />
    </AppShell>
  );
}
