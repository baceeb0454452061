/**
 * Ranking members for a help request: a pure function with every term explained, and the same
 * formula written once more as SQL (built from the same constants) so the database can pick the
 * top 20 of 100,000 members without sending them all over the wire. `ranking.int.test.ts` checks
 * that the two agree.
 *
 *   score = (SKILL × skill fit + REGION × region fit + HOURS × hours fit) × fairness
 *
 * The fairness term follows VolunteerMatch's SmartSort, which lowered an opportunity's rank after
 * each connection so the same few were not always shown first (8–9 % more requests got a match at
 * no loss): here each invitation a member received in the last 30 days lowers their score.
 */
import { sql, type SQL } from "drizzle-orm";

export const WEIGHTS = { skill: 0.55, region: 0.2, hours: 0.25 } as const;
/** Each invitation in the window divides the score by one more FAIRNESS_STEP. */
export const FAIRNESS_STEP = 0.25;
export const FAIRNESS_WINDOW_DAYS = 30;
/** Region fit when the member's region is hidden from the requester or not given. */
export const REGION_UNKNOWN = 0.3;
/** Hours fit when the member's hours are hidden from the requester or not given. */
export const HOURS_UNKNOWN = 0.4;

export interface Needs {
  skills: readonly string[];
  hoursNeeded: number;
  region: string | null;
  remote: boolean;
}

/** What the requester may see of a member (hidden fields are null), plus their recent load. */
export interface Candidate {
  memberId: string;
  skills: readonly string[] | null;
  region: string | null;
  hoursPerMonth: number | null;
  /** Hours they said yes to this calendar month. */
  hoursCommitted: number;
  /** Invitations they received in the last FAIRNESS_WINDOW_DAYS days. */
  recentInvitations: number;
}

export interface Terms {
  skillFit: number;
  regionFit: number;
  hoursFit: number;
  fairness: number;
}
export interface Ranked {
  memberId: string;
  score: number;
  terms: Terms;
  matchedSkills: string[];
  /** null when their hours are hidden or not given. */
  freeHours: number | null;
}

/** Share of the requested skills the member has (1 when the request names none). */
export function skillFit(needs: Needs, skills: readonly string[] | null): { fit: number; matched: string[] } {
  if (needs.skills.length === 0) return { fit: 1, matched: [] };
  const have = new Set(skills ?? []);
  const wanted = [...new Set(needs.skills)];
  const matched = wanted.filter((s) => have.has(s));
  return { fit: matched.length / wanted.length, matched };
}

/** Remote work fits anyone; otherwise the same region fits, another region does not. */
export function regionFit(needs: Needs, region: string | null): number {
  if (needs.remote) return 1;
  if (region === null || needs.region === null) return REGION_UNKNOWN;
  return region === needs.region ? 1 : 0;
}

export const freeHoursOf = (c: Pick<Candidate, "hoursPerMonth" | "hoursCommitted">) =>
  c.hoursPerMonth === null ? null : Math.max(0, c.hoursPerMonth - c.hoursCommitted);

/** How much of the time needed the member still has free this month, capped at 1. */
export function hoursFit(needs: Needs, freeHours: number | null): number {
  if (freeHours === null) return HOURS_UNKNOWN;
  if (needs.hoursNeeded <= 0) return 1;
  return Math.min(1, freeHours / needs.hoursNeeded);
}

export const fairness = (recentInvitations: number) => 1 / (1 + FAIRNESS_STEP * Math.max(0, recentInvitations));

export function scoreCandidate(needs: Needs, c: Candidate): Ranked {
  const skill = skillFit(needs, c.skills);
  const free = freeHoursOf(c);
  const terms: Terms = { skillFit: skill.fit, regionFit: regionFit(needs, c.region), hoursFit: hoursFit(needs, free), fairness: fairness(c.recentInvitations) };
  const score = (WEIGHTS.skill * terms.skillFit + WEIGHTS.region * terms.regionFit + WEIGHTS.hours * terms.hoursFit) * terms.fairness;
  return { memberId: c.memberId, score, terms, matchedSkills: skill.matched, freeHours: free };
}

/** Best first; members with none of the requested skills are left out; ties go by member id so the order is stable. */
export function rankCandidates(needs: Needs, candidates: readonly Candidate[], limit = 20): Ranked[] {
  return candidates
    .map((c) => scoreCandidate(needs, c))
    .filter((r) => needs.skills.length === 0 || r.matchedSkills.length > 0)
    .sort((a, b) => b.score - a.score || (a.memberId < b.memberId ? -1 : a.memberId > b.memberId ? 1 : 0))
    .slice(0, limit);
}

/** The columns the SQL form reads: what the requester may see, and the member's load. */
export interface CandidateSql {
  skills: SQL;
  region: SQL;
  hoursPerMonth: SQL;
  hoursCommitted: SQL;
  recentInvitations: SQL;
}

/** The same score as `scoreCandidate`, as a SQL expression. */
/** A text[] literal built from parameters, one per element. */
export const textArraySql = (values: readonly string[]): SQL => sql`array[${sql.join(values.map((v) => sql`${v}`), sql`, `)}]::text[]`;

export function scoreSql(needs: Needs, c: CandidateSql): SQL<number> {
  const wanted = [...new Set(needs.skills)];
  // One containment test per wanted skill (a hidden skill list is NULL and counts 0): the share
  // matched, as skillFit computes it, without a set operation per member (bench/directory.ts).
  const skill = wanted.length
    ? sql`((${sql.join(
        wanted.map((w) => sql`coalesce((${c.skills} @> array[${w}]::text[])::int, 0)`),
        sql` + `,
      )})::float8 / ${wanted.length})`
    : sql`1.0`;
  const region = needs.remote
    ? sql`1.0`
    : needs.region === null
      ? sql`${REGION_UNKNOWN}::float8`
      : sql`(case when ${c.region} is null then ${REGION_UNKNOWN}::float8 when ${c.region} = ${needs.region} then 1.0 else 0.0 end)`;
  const free = sql`greatest(0, ${c.hoursPerMonth} - ${c.hoursCommitted})`;
  const hours =
    needs.hoursNeeded <= 0
      ? sql`(case when ${c.hoursPerMonth} is null then ${HOURS_UNKNOWN}::float8 else 1.0 end)`
      : sql`(case when ${c.hoursPerMonth} is null then ${HOURS_UNKNOWN}::float8 else least(1.0, ${free}::float8 / ${needs.hoursNeeded}) end)`;
  const fair = sql`(1.0 / (1.0 + ${FAIRNESS_STEP}::float8 * greatest(0, ${c.recentInvitations})))`;
  return sql<number>`((${WEIGHTS.skill}::float8 * ${skill} + ${WEIGHTS.region}::float8 * ${region} + ${WEIGHTS.hours}::float8 * ${hours}) * ${fair})`;
}

/** The explanation shown beside the matches. */
export const RANKING_EXPLAINED = [
  { term: "Skill fit", weight: WEIGHTS.skill, text: "the share of the skills this request names that the member lists (only skills they let you see count)." },
  { term: "Region", weight: WEIGHTS.region, text: `1 when the work is remote or the member is in the request's region, 0 for another region, ${REGION_UNKNOWN} when their region is hidden from you.` },
  { term: "Hours still free this month", weight: WEIGHTS.hours, text: `the hours they offer a month minus those they have already said yes to this month, against the hours needed (at most 1); ${HOURS_UNKNOWN} when hidden.` },
  {
    term: "Fairness",
    weight: null,
    text: `the sum above is divided by 1 + ${FAIRNESS_STEP} for each invitation the member received in the last ${FAIRNESS_WINDOW_DAYS} days, so the same few people are not asked every time (as VolunteerMatch's SmartSort did, which found more requests matched at no loss).`,
  },
] as const;
