// One conversation's (or one room topic's) messages keyed by seq, and the rules every
// view merges them by: a seq is one message (the server numbers once), edits only move
// forward in time, and a quote follows the message it quotes.
import { MESSAGE } from "@/shared/limits";
import type { MessageView, ReplyPreview } from "@/shared/views";

export type MessageMap = Record<number, MessageView>;

/**
 * Adds messages by seq; returns `held` itself when nothing changed. A live push of a seq
 * already held is a duplicate; a fetch is a snapshot and replaces, unless what is held is
 * already further along (edited or unsent since).
 */
export function mergeMessages(held: MessageMap, incoming: MessageView[], live: boolean): MessageMap {
  const fresh = incoming.filter((m) => !held[m.seq] || (!live && changedAt(m) >= changedAt(held[m.seq])));
  if (!fresh.length) return held;
  const next = { ...held };
  for (const m of fresh) next[m.seq] = m;
  return next;
}

/** An edit, reaction or unsend: the message and the quotes of it change; `held` itself when nothing did. */
export function replaceMessage(held: MessageMap, message: MessageView): MessageMap {
  const quote = replyPreviewOf(message);
  let changed = false;
  const next: MessageMap = {};
  for (const [seq, m] of Object.entries(held)) {
    let updated = m;
    if (m.id === message.id) updated = message;
    // A quote of a message from before one joined stays hidden.
    else if (m.replyTo && !("hidden" in m.replyTo) && m.replyTo.id === message.id) updated = { ...m, replyTo: quote };
    if (updated !== m) changed = true;
    next[Number(seq)] = updated;
  }
  return changed ? next : held;
}

/**
 * Where catch-up starts: the highest seq held with no hole between it and the oldest held
 * one. A live push that arrived after a missed one leaves a hole; asking from below it
 * fills the hole (what is held already is deduplicated).
 */
export function lastContiguousSeq(held: MessageMap | undefined): number {
  const seqs = Object.keys(held ?? {})
    .map(Number)
    .sort((a, b) => a - b);
  if (!seqs.length) return 0;
  let last = seqs[0];
  for (const seq of seqs.slice(1)) {
    if (seq !== last + 1) break;
    last = seq;
  }
  return last;
}

/** A push that skips seqs (one lost between nodes, say): what lies between must be fetched. */
export const leavesGap = (held: MessageMap | undefined, message: MessageView): boolean => held !== undefined && message.seq > lastContiguousSeq(held) + 1;

export const inSeqOrder = (held: MessageMap | undefined): MessageView[] => Object.values(held ?? {}).sort((a, b) => a.seq - b.seq);

/** What a reply shows of the message it quotes, as the server builds it. */
function replyPreviewOf(m: MessageView): ReplyPreview {
  const preview: ReplyPreview = { id: m.id, seq: m.seq, senderId: m.senderId, kind: m.kind };
  if (m.deletedAt) preview.deletedAt = m.deletedAt;
  else if (m.text != null) preview.text = m.text.slice(0, MESSAGE.replyPreviewChars);
  return preview;
}

/** Edits and unsends only move forward in time. */
function changedAt(m: MessageView): string {
  return [m.createdAt, m.editedAt ?? "", m.deletedAt ?? ""].sort().at(-1)!;
}
