import type { MapGroup, Point } from "./types";

/**
 * Okabe–Ito colours, chosen to stay distinguishable with the common colour-vision deficiencies;
 * every one has at least 3:1 contrast on white, as a graphical object needs (WCAG 1.4.11).
 */
export const GROUP_COLOURS = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#8A6D00", "#56708C", "#A6611A"];
export const GROUP_LETTERS = ["A", "B", "C", "D", "E", "F", "G", "H", "I", "J"];

/** A group keeps its name when more than this share of its previous members are still in it. */
export const KEEP_SHARE = 0.5;

/**
 * Names and colours for this recompute's groups. Each previous group is matched to the new group
 * holding the largest share of its members (greedily, largest overlap first); when that share is
 * over one half the new group takes the old one's key, name and colour. Other groups take the first
 * letters and colours not in use, so a name never jumps to a group of different people.
 */
export function nameGroups(groups: { members: string[]; centre: Point }[], previous: readonly MapGroup[]): MapGroup[] {
  const pairs: { n: number; p: number; share: number }[] = [];
  groups.forEach((g, n) => {
    const members = new Set(g.members);
    previous.forEach((old, p) => {
      if (old.members.length === 0) return;
      let stay = 0;
      for (const m of old.members) if (members.has(m)) stay++;
      pairs.push({ n, p, share: stay / old.members.length });
    });
  });
  pairs.sort((a, b) => b.share - a.share || a.p - b.p || a.n - b.n);
  const taken = new Map<number, MapGroup>();
  const usedOld = new Set<number>();
  for (const { n, p, share } of pairs) {
    if (share <= KEEP_SHARE || taken.has(n) || usedOld.has(p)) continue;
    taken.set(n, previous[p]!);
    usedOld.add(p);
  }
  const usedLetters = new Set([...taken.values()].map((g) => g.key));
  const usedColours = new Set([...taken.values()].map((g) => g.colour));
  // Larger groups first get the earliest free letters, so a first map reads A, B, C by size.
  const order = groups.map((_, i) => i).sort((a, b) => groups[b]!.members.length - groups[a]!.members.length || a - b);
  const named = new Array<MapGroup>(groups.length);
  for (const i of order) {
    const old = taken.get(i);
    if (old) {
      named[i] = { key: old.key, name: old.name, colour: old.colour, members: groups[i]!.members, centre: groups[i]!.centre };
      continue;
    }
    const letter = GROUP_LETTERS.find((l) => !usedLetters.has(l)) ?? `G${i + 1}`;
    usedLetters.add(letter);
    const colour = GROUP_COLOURS.find((c) => !usedColours.has(c)) ?? GROUP_COLOURS[i % GROUP_COLOURS.length]!;
    usedColours.add(colour);
    named[i] = { key: letter, name: `Group ${letter}`, colour, members: groups[i]!.members, centre: groups[i]!.centre };
  }
  return named;
}
