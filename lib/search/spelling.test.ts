import { describe, expect, it } from "vitest";
import { editDistance, pickCorrection } from "./spelling";

describe("spelling correction", () => {
  it("counts insertions, deletions, substitutions and swapped neighbours as one edit each", () => {
    expect(editDistance("waitng", "waiting")).toBe(1);
    expect(editDistance("waitng", "wait")).toBe(2);
    expect(editDistance("teh", "the")).toBe(1);
    expect(editDistance("pharmacy", "pharmacy")).toBe(0);
    expect(editDistance("", "abc")).toBe(3);
  });

  it("corrects 'waitng' to 'waiting', not 'wait', although their trigram similarity ties", () => {
    expect(pickCorrection("waitng", [{ word: "wait", similarity: 0.5 }, { word: "waiting", similarity: 0.5 }])).toBe("waiting");
  });

  it("prefers the more frequent word among equally close ones, then the more similar", () => {
    expect(pickCorrection("hause", [{ word: "haute", similarity: 0.4, frequency: 1 }, { word: "house", similarity: 0.4, frequency: 90 }])).toBe("house");
    expect(pickCorrection("hause", [{ word: "haute", similarity: 0.3 }, { word: "house", similarity: 0.4 }])).toBe("house");
    expect(pickCorrection("x", [])).toBeNull();
  });
});

/** pg_trgm's similarity: shared trigrams of the space-padded words over all their trigrams. */
function trigramSimilarity(a: string, b: string): number {
  const grams = (w: string) => {
    const padded = `  ${w} `;
    return new Set(Array.from({ length: padded.length - 2 }, (_, i) => padded.slice(i, i + 3)));
  };
  const x = grams(a), y = grams(b);
  const shared = [...x].filter((g) => y.has(g)).length;
  return shared / (x.size + y.size - shared);
}

describe("spelling correction on a labelled set", () => {
  // A vocabulary with how many facts use each word, as fact_words holds it.
  const vocabulary: Record<string, number> = {
    waiting: 40, wait: 12, waits: 3, hospital: 55, hospitals: 21, hostel: 2, council: 80, counsel: 3, councils: 30,
    housing: 60, rousing: 1, policy: 35, police: 25, polity: 1, pharmacy: 14, pharmacies: 9, philately: 1,
    teacher: 18, teachers: 33, teaches: 2, school: 44, schools: 38, schooled: 1, rent: 29, rents: 17, rant: 1,
    fares: 19, farms: 6, fires: 4, bus: 23, buses: 15, busts: 1, tax: 31, taxi: 3, taxes: 8, wage: 6, wages: 26,
  };
  // Each typo with the word meant.
  const labelled: [string, string][] = [
    // One word is nearest: it wins whatever the counts.
    ["waitng", "waiting"], ["housng", "housing"], ["polcy", "policy"], ["hostal", "hostel"], ["pharmacys", "pharmacy"], ["schols", "schools"],
    // Several words are one slip away: the one the facts use most.
    ["rnt", "rent"], ["fres", "fares"], ["fars", "fares"], ["taxs", "tax"], ["wags", "wages"], ["teachrs", "teachers"],
    ["polie", "police"], ["hospitls", "hospitals"], ["councls", "councils"], ["bsu", "bus"], ["rants", "rents"], ["wiat", "wait"],
  ];
  const candidates = (typo: string, withFrequency: boolean) =>
    Object.entries(vocabulary)
      .map(([word, frequency]) => ({ word, similarity: trigramSimilarity(typo, word), ...(withFrequency ? { frequency } : {}) }))
      .filter((c) => c.similarity >= 0.3 || editDistance(typo, c.word) <= 1);
  const accuracy = (withFrequency: boolean) => labelled.filter(([typo, meant]) => pickCorrection(typo, candidates(typo, withFrequency)) === meant).length / labelled.length;

  it("corrects towards the most frequent word of the vocabulary: accuracy before and after counting", () => {
    const before = accuracy(false);
    const after = accuracy(true);
    console.log(`spelling, ${labelled.length} labelled typos: ${(before * 100).toFixed(0)} % right by fewest edits alone, ${(after * 100).toFixed(0)} % with word frequencies`);
    const wrong = labelled.filter(([typo, meant]) => pickCorrection(typo, candidates(typo, true)) !== meant);
    expect(wrong).toEqual([]);
    expect(after).toBeGreaterThan(before);
  });
});
