// The nudity filter's step for a profile picture: anyone may see it (teens included),
// so it is always classified, whatever the uploader's own filter setting; a blocked one
// is refused (NUDITY_BLOCKED) and never stored.
import { nudityClassifier, type NudityClassifier } from "./classifier";
import { checkVisual } from "./screen";
import type { NudityScores } from "./scores";

export function screenProfilePicture(file: string, classifier: NudityClassifier = nudityClassifier()): Promise<NudityScores> {
  return checkVisual({ kind: "image", file }, { classifier });
}
