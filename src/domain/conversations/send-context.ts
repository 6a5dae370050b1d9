// A node's cache of what a send reads before it writes: the conversation with its active
// members and their settings, and in a 1:1 the blocks and follows between the two. The
// conversation load was a quarter of a message's server time; a busy chat now reads it once.
//
// Every entry carries the conversation's policy version, which database triggers move with
// each change a send's checks read (members, roles, request states, hidden history, the
// members' settings and profiles, blocks and follows: see the migration
// conversation_policy_version). The message batch compares it under the conversation's
// lock (messages/batch-plan.ts): a send checked against a stale entry, whichever node made
// the change, is never written; it is checked again on fresh rows. So no invalidation has to
// travel between nodes, and none can arrive late: the version travels with the database.
//
// Facts that only grow are kept as lower bounds: lastSeq (raised by this node's own writes);
// an entry still at lastSeq 0 is not served, because "opening a conversation" depends on it.
import type { Db } from "@/db/client";
import { loadConversation } from "./load";
import { pairRelations, type PairRelation } from "./permissions";
import type { ConversationRow } from "./view";

export interface SendContext {
  conversation: ConversationRow;
  /** A 1:1's blocks and follows between its two members; null in a group. */
  relations: PairRelation[] | null;
  /** Read from this node's cache (true) or from the database just now. */
  cached: boolean;
}

const MAX_ENTRIES = Math.max(0, Number(process.env.MURMUR_SEND_CACHE_ENTRIES ?? 10_000) || 0);

export class SendContextCache {
  private entries = new Map<string, Omit<SendContext, "cached">>();
  readonly stats = { hits: 0, loads: 0 };

  constructor(private readonly maxEntries = MAX_ENTRIES) {}

  /** The context of a send; `fresh` reads the database whatever the cache holds. */
  async get(db: Db, conversationId: string, { fresh = false } = {}): Promise<SendContext | null> {
    const hit = fresh ? undefined : this.entries.get(conversationId);
    if (hit && hit.conversation.lastSeq > 0) {
      // Most recently used last: the first key is the one to drop when full.
      this.entries.delete(conversationId);
      this.entries.set(conversationId, hit);
      this.stats.hits++;
      return { ...hit, cached: true };
    }
    this.stats.loads++;
    const conversation = await loadConversation(db, conversationId);
    if (!conversation) {
      this.entries.delete(conversationId);
      return null;
    }
    const [a, b] = conversation.members;
    const relations = conversation.kind === "direct" && a && b ? await pairRelations(db, a.userId, b.userId) : null;
    const entry = { conversation, relations };
    if (this.maxEntries > 0 && conversation.policyVersion !== undefined) {
      this.entries.delete(conversationId);
      if (this.entries.size >= this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(conversationId, entry);
    }
    return { ...entry, cached: false };
  }

  /** This node wrote message `seq`: the conversation has at least that many. */
  appended(conversationId: string, seq: number): void {
    const entry = this.entries.get(conversationId);
    if (entry && entry.conversation.lastSeq < seq) entry.conversation = { ...entry.conversation, lastSeq: seq };
  }

  get size(): number {
    return this.entries.size;
  }
}

// One cache per client and process, kept on the client like the message writer: Next's
// bundles and server.ts load separate copies of this module.
const CACHE = Symbol.for("murmur.sendContextCache");

export function sendContexts(db: Db): SendContextCache {
  const holder = db as unknown as { [CACHE]?: SendContextCache };
  if (!holder[CACHE]) Object.defineProperty(holder, CACHE, { value: new SendContextCache(), configurable: true, enumerable: false });
  return holder[CACHE]!;
}
