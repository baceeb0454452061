/**
 * How hard is a fact? A score from 0 to 100, explained term by term. Pure: no database, no clock
 * (the caller passes `now`), so the same inputs always give the same score.
 *
 * The formula, in plain words:
 *
 * 1. Status. A retracted or rejected fact scores 0, whatever else is true. A fact accepted by a
 *    fact editor gets +14; a proposal nobody has checked yet gets nothing for status.
 *
 * 2. Sources (at most +60). Sources are grouped by who published them (the publisher's name, or
 *    the web domain when two sources share one), because three articles from one newspaper are one
 *    voice, not three. Each independent group counts with the weight of its best source:
 *    official statistics 30, peer-reviewed 28, reputable press 14, other 5, advocacy group 6,
 *    blog or social media 3. The strongest group counts in full, the next 60%, the next 36%, and
 *    so on (diminishing returns), and the total is capped at 60. Two independent official sources
 *    give 30 + 18 = 48. Adding an independent source can only raise this term.
 *
 * 3. Confirmations (at most +20). Members who confirm a fact add weight, each by their track
 *    record: the share of their past reviews that agreed with how disputes were later settled,
 *    with a prior of one agreement and one disagreement, (agree + 1) / (total + 2). A new reviewer
 *    therefore counts 0.5 and a reliable one nearly 1. The summed weight w gives 20 × (1 − e^(−w/3)):
 *    the first confirmations matter most.
 *
 * 4. Disputes settled in the fact's favour (at most +6): +3 for each dispute a fact editor upheld,
 *    because the fact has survived a challenge.
 *
 * 5. Open disputes (at most −40). Each open dispute takes away 8, plus up to 12 more by the
 *    disputer's track record (a new disputer: 8 + 6 = 14). An open dispute can only lower the score.
 *
 * 6. Age (time-sensitive figures only). A figure keeps its full score for two years after the date
 *    it refers to; after that it loses 15% of its score a year, down to at most 60% lost.
 *
 * The total is the sum of the rounded terms, kept between 0 and 100.
 */

export type SourceKind = "official_statistics" | "peer_reviewed" | "reputable_press" | "advocacy_group" | "blog_social" | "other";

export interface HardnessSource {
  kind: SourceKind;
  publisher: string;
  url: string;
}

/** A member's review, weighted by their track record: agreements and total of past settled reviews. */
export interface ReviewerRecord {
  agree: number;
  total: number;
}

export interface HardnessInput {
  status: "proposed" | "accepted" | "rejected" | "retracted";
  sources: HardnessSource[];
  confirmations: ReviewerRecord[];
  /** One entry per open dispute: the disputer's record. */
  openDisputes: ReviewerRecord[];
  upheldDisputes: number;
  timeSensitive: boolean;
  /** ISO date the figure refers to. */
  asOf: string | null;
  now: Date;
}

export interface HardnessTerm {
  key: "status" | "sources" | "confirmations" | "upheld" | "disputes" | "age";
  points: number;
  explanation: string;
}

export interface Hardness {
  score: number;
  terms: HardnessTerm[];
}

export const KIND_WEIGHT: Record<SourceKind, number> = {
  official_statistics: 30,
  peer_reviewed: 28,
  reputable_press: 14,
  advocacy_group: 6,
  other: 5,
  blog_social: 3,
};

export const KIND_LABEL: Record<SourceKind, string> = {
  official_statistics: "official statistics",
  peer_reviewed: "peer-reviewed",
  reputable_press: "reputable press",
  advocacy_group: "advocacy group",
  blog_social: "blog or social media",
  other: "other",
};

const ACCEPTED_POINTS = 14;
const SOURCES_CAP = 60;
const SOURCE_DECAY = 0.6;
const CONFIRM_CAP = 20;
const UPHELD_EACH = 3;
const UPHELD_CAP = 6;
const DISPUTE_BASE = 8;
const DISPUTE_BY_RECORD = 12;
const DISPUTE_CAP = 40;
export const FRESH_YEARS = 2;
const AGE_LOSS_PER_YEAR = 0.15;
const AGE_LOSS_CAP = 0.6;
/** After this many years a figure's age loss is at its cap and its score stops changing with time. */
export const AGING_ENDS_YEARS = FRESH_YEARS + AGE_LOSS_CAP / AGE_LOSS_PER_YEAR;

/** Track record with a Beta(1, 1) prior: a newcomer counts one half. */
export const reliability = (r: ReviewerRecord) => (Math.max(0, r.agree) + 1) / (Math.max(r.total, r.agree, 0) + 2);

function domainOf(url: string): string | null {
  try {
    return new URL(url).hostname.replace(/^www\./, "").toLowerCase();
  } catch {
    return null;
  }
}

const normalisePublisher = (p: string) => p.toLowerCase().replace(/^the\s+/, "").replace(/[^a-z0-9]+/g, " ").trim();

/** Groups sources that share a publisher name or a web domain (union-find over both keys). */
export function independentGroups(sources: HardnessSource[]): HardnessSource[][] {
  const parent = sources.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const seen = new Map<string, number>();
  sources.forEach((s, i) => {
    for (const key of [`p:${normalisePublisher(s.publisher)}`, domainOf(s.url) ? `d:${domainOf(s.url)}` : null]) {
      if (!key || key === "p:") continue;
      const j = seen.get(key);
      if (j === undefined) seen.set(key, i);
      else parent[find(i)] = find(j);
    }
  });
  const groups = new Map<number, HardnessSource[]>();
  sources.forEach((s, i) => {
    const root = find(i);
    groups.set(root, [...(groups.get(root) ?? []), s]);
  });
  return [...groups.values()];
}

const plural = (n: number, one: string, many = `${one}s`) => `${n === 1 ? "One" : numberWord(n)} ${n === 1 ? one : many}`;
function numberWord(n: number): string {
  return ["No", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten"][n] ?? String(n);
}
const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${Math.abs(n)}` : "0");

function sourcesTerm(sources: HardnessSource[]): HardnessTerm {
  if (sources.length === 0) return { key: "sources", points: 0, explanation: "No sources given: 0" };
  const groups = independentGroups(sources).map((g) => {
    const best = g.reduce((a, b) => (KIND_WEIGHT[b.kind] > KIND_WEIGHT[a.kind] ? b : a));
    return best.kind;
  });
  groups.sort((a, b) => KIND_WEIGHT[b] - KIND_WEIGHT[a]);
  const raw = groups.reduce((sum, kind, i) => sum + KIND_WEIGHT[kind] * SOURCE_DECAY ** i, 0);
  const points = Math.round(Math.min(SOURCES_CAP, raw));
  const byKind = new Map<SourceKind, number>();
  for (const k of groups) byKind.set(k, (byKind.get(k) ?? 0) + 1);
  const parts = [...byKind].map(([kind, n]) => `${n} ${KIND_LABEL[kind]}`);
  const lead = `${plural(groups.length, "independent source")} (${parts.join(", ")})`;
  const merged = sources.length > groups.length ? `; ${sources.length - groups.length} more from the same publishers add nothing` : "";
  const capped = raw > SOURCES_CAP ? ", capped at 60" : "";
  return { key: "sources", points, explanation: `${lead}${merged}${capped}: ${signed(points)}` };
}

/** The score and its explanation. */
export function computeHardness(input: HardnessInput): Hardness {
  if (input.status === "retracted" || input.status === "rejected") {
    const word = input.status === "retracted" ? "Retracted by a fact editor" : "Rejected by a fact editor";
    return { score: 0, terms: [{ key: "status", points: 0, explanation: `${word}, so it scores 0 whatever its sources say` }] };
  }
  const terms: HardnessTerm[] = [];
  terms.push(
    input.status === "accepted"
      ? { key: "status", points: ACCEPTED_POINTS, explanation: `Checked and accepted by a fact editor: ${signed(ACCEPTED_POINTS)}` }
      : { key: "status", points: 0, explanation: "Proposed, not yet checked by a fact editor: 0" },
  );
  terms.push(sourcesTerm(input.sources));

  if (input.confirmations.length > 0) {
    const weight = input.confirmations.reduce((s, r) => s + reliability(r), 0);
    const points = Math.round(CONFIRM_CAP * (1 - Math.exp(-weight / 3)));
    terms.push({
      key: "confirmations",
      points,
      explanation: `${plural(input.confirmations.length, "member")} confirmed it, weighing ${weight.toFixed(1)} by their track records: ${signed(points)}`,
    });
  }
  if (input.upheldDisputes > 0) {
    const points = Math.min(UPHELD_CAP, UPHELD_EACH * input.upheldDisputes);
    terms.push({ key: "upheld", points, explanation: `Stood up to ${input.upheldDisputes === 1 ? "a dispute" : `${input.upheldDisputes} disputes`} a fact editor settled in its favour: ${signed(points)}` });
  }
  if (input.openDisputes.length > 0) {
    const raw = input.openDisputes.reduce((s, r) => s + DISPUTE_BASE + DISPUTE_BY_RECORD * reliability(r), 0);
    const points = -Math.round(Math.min(DISPUTE_CAP, raw));
    terms.push({ key: "disputes", points, explanation: `${plural(input.openDisputes.length, "open dispute")} waiting for a fact editor: ${signed(points)}` });
  }

  const subtotal = terms.reduce((s, t) => s + t.points, 0);
  if (input.timeSensitive && input.asOf) {
    const years = (input.now.getTime() - Date.parse(input.asOf)) / (365.25 * 24 * 3600 * 1000);
    if (years > FRESH_YEARS && subtotal > 0) {
      const loss = Math.min(AGE_LOSS_CAP, (years - FRESH_YEARS) * AGE_LOSS_PER_YEAR);
      const points = -Math.round(subtotal * loss);
      if (points !== 0) {
        terms.push({
          key: "age",
          points,
          explanation: `The figure is ${Math.floor(years)} years old; after two years a figure loses 15% a year (here ${Math.round(loss * 100)}%): ${signed(points)}`,
        });
      }
    }
  }
  const score = Math.max(0, Math.min(100, terms.reduce((s, t) => s + t.points, 0)));
  return { score, terms };
}
