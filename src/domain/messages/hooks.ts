// Extension points on the send path for other capabilities. Each is called with what the
// send path has loaded already, so a hook needs no extra queries for the basics.
import type { Db } from "@/db/client";
import { mediaStorage } from "@/domain/media/storage";
import { screenForDelivery } from "@/domain/safety/screen-before-delivery";

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
 * The nudity filter (src/domain/safety): visuals not screened at upload are classified now
 * when the send would reach someone the policy protects; a blocked one is deleted.
 */
export async function checkVisualsBeforeSend(db: Db, visuals: VisualsToSend): Promise<void> {
  await screenForDelivery(db, mediaStorage(), visuals);
}
