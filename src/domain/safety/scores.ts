// The classifier's five scores and the one rule that turns them into a verdict.
import { NUDITY } from "@/shared/limits";

/** nsfwjs's classes, each a probability; they sum to 1. */
export type NudityScores = {
  drawing: number;
  hentai: number;
  neutral: number;
  porn: number;
  sexy: number;
};

/**
 * How far a visual is towards being blocked: 1 or more is blocked. The larger of the two
 * thresholds' ratios, so that frames of a video can be compared and the worst one kept.
 */
export function nudityRisk(scores: NudityScores): number {
  const explicit = scores.porn + scores.hentai;
  return Math.max(explicit / NUDITY.explicitThreshold, (explicit + scores.sexy) / NUDITY.suggestiveThreshold);
}

/** Blocked when porn + hentai ≥ 0.4, or porn + hentai + sexy ≥ 0.7. */
export const isBlocked = (scores: NudityScores) => nudityRisk(scores) >= 1;

/** The worst of several scores (a video's frames): the highest risk wins. */
export function worstScores(all: readonly NudityScores[]): NudityScores {
  if (!all.length) throw new Error("worstScores needs at least one score");
  return all.reduce((worst, s) => (nudityRisk(s) > nudityRisk(worst) ? s : worst));
}
