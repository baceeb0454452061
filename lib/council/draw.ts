/**
 * The council draw as a pure function of its published inputs. Plain TypeScript with no imports
 * beyond a small SHA-256, so the browser's verify page, `scripts/verify-draw.ts` and the server
 * run the same code. The fair distribution over panels is computed before the commitment (see
 * fair-panel.ts) and published in the announcement; this module checks it and samples from it.
 *
 * How a draw runs (algorithm "commonplace-maximin-types", version 1):
 * 1. The announcement (seats, categories, quotas, frozen pool, distribution, commitment) is
 *    serialised as canonical JSON (keys sorted) and hashed: the announcement hash.
 * 2. At the draw the secret seed is revealed; sha256(seed) must equal the commitment.
 * 3. A stream of random numbers: block i = sha256(seed ":" announcementHash ":" i), read as
 *    32-bit big-endian words. A uniform integer below n uses rejection sampling (no modulo bias).
 * 4. One composition (how many of each volunteer type) is chosen with probability weight/total.
 * 5. For each type in sorted key order, its volunteers (sorted by pool id) are shuffled
 *    (Fisher-Yates from the stream) and the first `count` are seated.
 * 6. The volunteers not seated (sorted by pool id) are shuffled the same way; the first
 *    `reserveSize` form the ordered reserve list.
 */
import { sha256Bytes, sha256Hex } from "./sha256";

export const DRAW_FORMAT = "commonplace-draw/1";
export const DRAW_ALGORITHM = { name: "commonplace-maximin-types", version: "1" } as const;

export interface DrawCategory {
  key: string;
  label: string;
  values: string[];
}
export interface Quota {
  category: string;
  /** A declared value; "" stands for "not stated". */
  value: string;
  min: number;
  max: number;
}
export interface PoolEntry {
  poolId: string;
  /** category key → declared value, "" when not stated */
  categories: Record<string, string>;
  /** sha256(poolId "|" canonical categories "|" the volunteer's own secret): lets them check their entry. */
  entryHash: string;
}
/** A composition: how many volunteers of each type sit on the panel. */
export interface WeightedComposition {
  weight: number;
  counts: Record<string, number>;
}
export interface DrawAnnouncement {
  format: typeof DRAW_FORMAT;
  drawId: string;
  title: string;
  seats: number;
  reserveSize: number;
  categories: DrawCategory[];
  quotas: Quota[];
  pool: PoolEntry[];
  algorithm: { name: string; version: string };
  distribution: { totalWeight: number; compositions: WeightedComposition[] };
  commitment: { kind: "sha256-seed"; hash: string; note: string };
}
export interface DrawResult {
  seed: string;
  panel: string[];
  reserve: string[];
}
export interface PublishedDraw {
  announcement: DrawAnnouncement;
  announcementHash: string;
  result: DrawResult | null;
}

/** JSON with object keys sorted, so the same announcement always has the same hash. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

export const announcementHash = (a: DrawAnnouncement) => sha256Hex(canonicalJson(a));
export const commitmentOf = (seed: string) => sha256Hex(seed);

/** A volunteer's type: their declared value in each category, in category order. */
export function typeKey(categories: readonly DrawCategory[], declared: Record<string, string>): string {
  return JSON.stringify(categories.map((c) => declared[c.key] ?? ""));
}

export function entryHash(poolId: string, categories: readonly DrawCategory[], declared: Record<string, string>, secret: string): string {
  return sha256Hex(`${poolId}|${typeKey(categories, declared)}|${secret}`);
}

/** Deterministic random numbers: SHA-256 in counter mode over the seed and the announcement hash. */
export class SeededStream {
  private counter = 0;
  private words: number[] = [];
  constructor(private readonly key: string) {}
  private refill() {
    const block = sha256Bytes(new TextEncoder().encode(`${this.key}:${this.counter++}`));
    const view = new DataView(block.buffer);
    for (let i = 0; i < 8; i++) this.words.push(view.getUint32(i * 4));
  }
  nextUint32(): number {
    if (this.words.length === 0) this.refill();
    return this.words.shift()!;
  }
  /** A uniform integer in [0, n), n ≤ 2^32. */
  below(n: number): number {
    if (!Number.isInteger(n) || n < 1 || n > 2 ** 32) throw new Error(`below(${n})`);
    const limit = Math.floor(2 ** 32 / n) * n;
    for (;;) {
      const x = this.nextUint32();
      if (x < limit) return x % n;
    }
  }
  shuffle<T>(items: readonly T[]): T[] {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = this.below(i + 1);
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  }
}

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export function groupByType(a: Pick<DrawAnnouncement, "categories" | "pool">): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const entry of a.pool) {
    const key = typeKey(a.categories, entry.categories);
    const list = groups.get(key) ?? [];
    list.push(entry.poolId);
    groups.set(key, list);
  }
  for (const list of groups.values()) list.sort(byString);
  return new Map([...groups.entries()].sort(([x], [y]) => byString(x, y)));
}

/** Which quotas a set of seated volunteers breaks, in words. Empty when all are met. */
export function quotaBreaches(a: Pick<DrawAnnouncement, "categories" | "quotas" | "pool">, seated: readonly string[]): string[] {
  const byId = new Map(a.pool.map((p) => [p.poolId, p]));
  const problems: string[] = [];
  for (const q of a.quotas) {
    const n = seated.filter((id) => (byId.get(id)?.categories[q.category] ?? "") === q.value).length;
    if (n < q.min || n > q.max) problems.push(`${describeQuota(a.categories, q)}: ${n} seated`);
  }
  return problems;
}

export function describeQuota(categories: readonly DrawCategory[], q: Quota): string {
  const label = categories.find((c) => c.key === q.category)?.label ?? q.category;
  return `${label} “${q.value || "not stated"}” (${q.min}–${q.max})`;
}

/** Each type's chance of a seat under the published distribution, per volunteer of that type. */
export function selectionProbabilities(a: DrawAnnouncement): Map<string, number> {
  const groups = groupByType(a);
  const out = new Map<string, number>();
  for (const [key, members] of groups) {
    let expected = 0;
    for (const c of a.distribution.compositions) expected += (c.weight / a.distribution.totalWeight) * (c.counts[key] ?? 0);
    out.set(key, expected / members.length);
  }
  return out;
}

export function probabilityOf(a: DrawAnnouncement, poolId: string): number | null {
  const entry = a.pool.find((p) => p.poolId === poolId);
  if (!entry) return null;
  return selectionProbabilities(a).get(typeKey(a.categories, entry.categories)) ?? 0;
}

/** Problems with an announcement as published: anything here means the draw must not run. */
export function checkAnnouncement(a: DrawAnnouncement): string[] {
  const problems: string[] = [];
  if (a.format !== DRAW_FORMAT) problems.push(`Unknown format ${String(a.format)}.`);
  if (a.algorithm.name !== DRAW_ALGORITHM.name || a.algorithm.version !== DRAW_ALGORITHM.version)
    problems.push(`This verifier runs ${DRAW_ALGORITHM.name} v${DRAW_ALGORITHM.version}, not ${a.algorithm.name} v${a.algorithm.version}.`);
  if (!Number.isInteger(a.seats) || a.seats < 1) problems.push("The number of seats must be a whole number of at least 1.");
  if (a.pool.length < a.seats) problems.push(`The pool has ${a.pool.length} volunteers for ${a.seats} seats.`);
  const ids = new Set(a.pool.map((p) => p.poolId));
  if (ids.size !== a.pool.length) problems.push("Two pool entries share an id.");
  const categoryKeys = new Set(a.categories.map((c) => c.key));
  for (const q of a.quotas) if (!categoryKeys.has(q.category)) problems.push(`A quota names an unknown category ${q.category}.`);
  const groups = groupByType(a);
  const { totalWeight, compositions } = a.distribution;
  if (compositions.length === 0) problems.push("The distribution has no panels.");
  let sum = 0;
  for (const [index, c] of compositions.entries()) {
    if (!Number.isInteger(c.weight) || c.weight <= 0) problems.push(`Panel shape ${index + 1} has weight ${c.weight}.`);
    sum += c.weight;
    let seats = 0;
    const seated: string[] = [];
    for (const [key, count] of Object.entries(c.counts)) {
      const members = groups.get(key);
      if (!members || !Number.isInteger(count) || count < 0 || count > members.length) {
        problems.push(`Panel shape ${index + 1} asks for ${count} of a type with ${members?.length ?? 0} volunteers.`);
        continue;
      }
      seats += count;
      seated.push(...members.slice(0, count));
    }
    if (seats !== a.seats) problems.push(`Panel shape ${index + 1} has ${seats} seats, not ${a.seats}.`);
    for (const breach of quotaBreaches(a, seated)) problems.push(`Panel shape ${index + 1} breaks ${breach}.`);
  }
  if (sum !== totalWeight) problems.push(`The weights add up to ${sum}, not the published total ${totalWeight}.`);
  return problems;
}

/** Runs the draw. Throws if the seed does not match the commitment or the announcement is unsound. */
export function runDraw(a: DrawAnnouncement, seed: string): DrawResult {
  const problems = checkAnnouncement(a);
  if (problems.length) throw new Error(problems.join(" "));
  if (commitmentOf(seed) !== a.commitment.hash) throw new Error("The seed does not match the commitment.");
  const stream = new SeededStream(`${seed}:${announcementHash(a)}`);
  let ticket = stream.below(a.distribution.totalWeight);
  let chosen = a.distribution.compositions[0]!;
  for (const c of a.distribution.compositions) {
    if (ticket < c.weight) {
      chosen = c;
      break;
    }
    ticket -= c.weight;
  }
  const seatedSet = new Set<string>();
  for (const [key, members] of groupByType(a)) {
    const count = chosen.counts[key] ?? 0;
    if (count === 0) continue;
    for (const id of stream.shuffle(members).slice(0, count)) seatedSet.add(id);
  }
  const rest = a.pool.map((p) => p.poolId).filter((id) => !seatedSet.has(id)).sort(byString);
  return {
    seed,
    panel: [...seatedSet].sort(byString),
    reserve: stream.shuffle(rest).slice(0, a.reserveSize),
  };
}

export interface Verification {
  ok: boolean;
  problems: string[];
  recomputed: DrawResult | null;
}

/** What anyone can check: the hash, the commitment, the distribution, and the panel and reserve recomputed. */
export function verifyDraw(published: PublishedDraw): Verification {
  const problems: string[] = [];
  const a = published.announcement;
  const hash = announcementHash(a);
  if (hash !== published.announcementHash) problems.push(`The announcement hashes to ${hash}, not the published ${published.announcementHash}: it was changed after it was published.`);
  problems.push(...checkAnnouncement(a));
  const r = published.result;
  if (!r) return { ok: problems.length === 0, problems, recomputed: null };
  if (commitmentOf(r.seed) !== a.commitment.hash) problems.push("The revealed seed does not match the commitment made before the draw.");
  if (problems.length) return { ok: false, problems, recomputed: null };
  const recomputed = runDraw(a, r.seed);
  if (canonicalJson(recomputed.panel) !== canonicalJson(r.panel)) problems.push("The published panel is not the one the draw gives.");
  if (canonicalJson(recomputed.reserve) !== canonicalJson(r.reserve)) problems.push("The published reserve list is not the one the draw gives.");
  return { ok: problems.length === 0, problems, recomputed };
}

/**
 * The next reserve who keeps the quotas met when `departed` leaves `panel`; if nobody can, the
 * first unused reserve (the caller logs that the quotas are then broken).
 */
export function nextReserve(
  a: Pick<DrawAnnouncement, "categories" | "quotas" | "pool">,
  panel: readonly string[],
  departed: string,
  reserve: readonly string[],
  used: ReadonlySet<string>,
): { poolId: string; quotasKept: boolean } | null {
  const remaining = panel.filter((id) => id !== departed);
  const candidates = reserve.filter((id) => !used.has(id) && !panel.includes(id));
  for (const id of candidates) if (quotaBreaches(a, [...remaining, id]).length === 0) return { poolId: id, quotasKept: true };
  return candidates[0] ? { poolId: candidates[0], quotasKept: false } : null;
}
