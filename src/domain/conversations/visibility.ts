// What a member of a conversation may see of it: the messages after their membership's
// `hiddenUpToSeq`. Joining a group sets it to the seq before the message that added them
// (so a re-added member does not see the gap either); deleting a conversation raises it.
// Every path that reads, quotes or pushes a conversation's messages asks here.
import type { MessageView } from "@/shared/views";
import { events, type PushOptions } from "@/domain/events";

export interface Viewer {
  userId: string;
  hiddenUpToSeq: number;
}

/** May this member see the message with this seq? */
export const seesSeq = (viewer: Pick<Viewer, "hiddenUpToSeq">, seq: number): boolean => seq > viewer.hiddenUpToSeq;

/**
 * The message as this member sees it: null when it is hidden from them; a reply to a
 * hidden message quotes nothing of it.
 */
export function messageFor(viewer: Pick<Viewer, "hiddenUpToSeq">, message: MessageView): MessageView | null {
  if (!seesSeq(viewer, message.seq)) return null;
  const quoted = message.replyTo;
  if (quoted && "seq" in quoted && !seesSeq(viewer, quoted.seq)) return { ...message, replyTo: { id: quoted.id, hidden: "before_join" } };
  return message;
}

/** The messages as this member sees them, hidden ones left out. */
export const messagesFor = (viewer: Pick<Viewer, "hiddenUpToSeq">, messages: MessageView[]): MessageView[] => messages.flatMap((m) => messageFor(viewer, m) ?? []);

/** Pushes a message to the members who may see it, each as they see it (at most two pushes). */
export function pushMessageTo(event: "message:new" | "message:updated", members: readonly Viewer[], message: MessageView, options?: PushOptions): void {
  const whole: string[] = [];
  const quoteHidden: string[] = [];
  let hiddenView: MessageView | null = null;
  for (const member of members) {
    const view = messageFor(member, message);
    if (view === message) whole.push(member.userId);
    else if (view) {
      quoteHidden.push(member.userId);
      hiddenView = view; // the same for everyone whose quote is hidden
    }
  }
  if (whole.length) events().toUsers(whole, event, { message }, options);
  if (hiddenView) events().toUsers(quoteHidden, event, { message: hiddenView }, options);
}
