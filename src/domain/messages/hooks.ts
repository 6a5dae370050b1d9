// Extension points on the send path for other capabilities. Each is called with what the
// send path has loaded already, so a hook needs no extra queries for the basics.
import type { Db } from "@/db/client";

export interface VisualsToSend {
  senderId: string;
  conversationId: string;
  conversationKind: "direct" | "group";
  /** The other active members (who would receive the visuals). */
  recipients: { id: string; birthDate: string; nudityFilter: boolean }[];
  sender: { id: string; birthDate: string; nudityFilter: boolean };
  /** The uploads about to be attached, in order (validated: the sender's, this conversation's, unattached). */
  media: { id: string; kind: string; nudityScores: unknown }[];
}

/**
 * Called before a message with photos or videos is stored. Throw a DomainError (e.g.
 * NUDITY_BLOCKED) to refuse the send: nothing is stored, nothing is pushed.
 * The safety capability (issue 6) puts its policy here.
 */
export async function checkVisualsBeforeSend(db: Db, visuals: VisualsToSend): Promise<void> {
  void db;
  void visuals;
}
