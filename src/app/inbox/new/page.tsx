import { InboxList } from "@/components/chat/InboxList";
import { NewMessage } from "@/components/chat/NewMessage";
import { AppShell } from "@/components/shell/AppShell";
import { requireDmViewer } from "../../_lib/viewer";

export default async function NewMessagePage() {
  const viewer = await requireDmViewer();
  return (
    <AppShell viewer={viewer} sidebar={<InboxList me={viewer.id} />} focus="detail">
      <NewMessage me={viewer.id} />
    </AppShell>
  );
}
