import { describe, expect, it } from "vitest";
import { isBlocked, nudityRisk, worstScores, type NudityScores } from "./scores";

const scores = (s: Partial<NudityScores>): NudityScores => {
  const filled = { drawing: 0, hentai: 0, porn: 0, sexy: 0, ...s };
  return { ...filled, neutral: 1 - filled.drawing - filled.hentai - filled.porn - filled.sexy };
};

describe("the nudity verdict", () => {
  it("blocks at porn + hentai = 0.4, not just below", () => {
    expect(isBlocked(scores({ porn: 0.2, hentai: 0.2 }))).toBe(true);
    expect(isBlocked(scores({ porn: 0.4 }))).toBe(true);
    expect(isBlocked(scores({ porn: 0.2, hentai: 0.19 }))).toBe(false);
  });

  it("blocks at porn + hentai + sexy = 0.7, not just below", () => {
    expect(isBlocked(scores({ porn: 0.1, hentai: 0.1, sexy: 0.5 }))).toBe(true);
    expect(isBlocked(scores({ sexy: 0.7 }))).toBe(true);
    expect(isBlocked(scores({ sexy: 0.69 }))).toBe(false);
    expect(isBlocked(scores({ porn: 0.3, sexy: 0.39 }))).toBe(false);
  });

  it("lets drawings and neutral images through", () => {
    expect(isBlocked(scores({ drawing: 0.99 }))).toBe(false);
    expect(isBlocked(scores({}))).toBe(false);
  });

  it("takes a video's worst frame, wherever it is", () => {
    const calm = scores({ sexy: 0.1 });
    const bad = scores({ porn: 0.5 });
    expect(worstScores([calm, calm, bad])).toBe(bad);
    expect(worstScores([bad, calm])).toBe(bad);
    expect(nudityRisk(worstScores([calm, scores({ sexy: 0.3 })]))).toBeCloseTo(0.3 / 0.7);
  });
});
