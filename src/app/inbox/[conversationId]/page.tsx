import { ChatView } from "@/components/chat/ChatView";
import { InboxList } from "@/components/chat/InboxList";
import { AppShell } from "@/components/shell/AppShell";
import { requireDmViewer } from "../../_lib/viewer";

export default async function ConversationPage({ params }: { params: Promise<{ conversationId: string }> }) {
  const viewer = await requireDmViewer();
  const { conversationId } = await params;
  return (
    <AppShell viewer={viewer} sidebar={<InboxList me={viewer.id} activeId={conversationId} />} focus="detail">
      <ChatView me={viewer.id} conversationId={conversationId} />
    </AppShell>
  );
}
