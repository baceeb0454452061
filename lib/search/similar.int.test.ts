/**
 * "Already discussed here" against a labelled set: queries a member might type, each with the
 * comments and papers that are really the same subject (near-duplicates) and queries whose only
 * overlap with the site is common words (unrelated). Precision and recall of the suggestions are
 * printed for the previous ranking (full-text OR of every word plus trigram, kept below as the
 * baseline) and for the current one.
 */
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "@/db";
import { papers } from "@/db/schema";
import { VISITOR } from "@/lib/auth/permissions";
import { scratchDatabase, type Scratch } from "@/lib/open-data/testing";
import { createTestComment, createTestPaper, createTestTheme } from "@/lib/testing/factories";
import { findSimilar } from "./similar";

// The set is judged in a database of its own: other tests' comments are nobody's label.
let scratch: Scratch;
let db: Db;
afterAll(() => scratch?.drop());

/** The ranking before this change: every word of 3+ letters OR-ed, ts_rank + word_similarity, no threshold. */
async function baseline(d: Db, q: string): Promise<string[]> {
  const words = [...new Set(q.toLowerCase().match(/[\p{L}\p{N}]{3,}/gu) ?? [])].slice(0, 16);
  const fts = words.join(" or ");
  const trigram = q.slice(0, 200);
  return d.transaction(async (tx) => {
    await tx.execute(sql`select set_config('pg_trgm.word_similarity_threshold', '0.45', true)`);
    const c = await tx.execute<{ id: string }>(sql`
      select c.id from comments c join papers p on p.id = c.paper_id join themes t on t.id = p.theme_id
      where c.deleted_at is null and c.hidden_at is null and p.published_version > 0 and p.hidden_at is null and t.archived_at is null and t.discussion_public
        and (c.search @@ websearch_to_tsquery('english', ${fts}) or ${trigram} <% c.body)
      order by ts_rank(c.search, websearch_to_tsquery('english', ${fts})) + word_similarity(${trigram}, c.body) desc, c.created_at desc limit 5`);
    const p = await tx.execute<{ id: string }>(sql`
      select p.id from papers p join themes t on t.id = p.theme_id
      where p.published_version > 0 and p.hidden_at is null and t.archived_at is null
        and (p.search @@ websearch_to_tsquery('english', ${fts}) or ${trigram} <% p.title)
      order by ts_rank(p.search, websearch_to_tsquery('english', ${fts})) + word_similarity(${trigram}, p.title) desc, p.published_at desc limit 5`);
    // Interleaved and cut to five, as the old function did.
    const merged: string[] = [];
    for (let i = 0; merged.length < 5 && (i < c.rows.length || i < p.rows.length); i++) {
      if (c.rows[i] && merged.length < 5) merged.push(c.rows[i]!.id);
      if (p.rows[i] && merged.length < 5) merged.push(p.rows[i]!.id);
    }
    return merged;
  });
}

const ids: Record<string, string> = {};
const queries: { q: string; relevant: string[] }[] = [];

beforeAll(async () => {
  scratch = await scratchDatabase();
  db = scratch.db;
  const health = await createTestTheme(db, { title: "Health set" });
  const education = await createTestTheme(db, { title: "Education set" });
  const strategy = await createTestTheme(db, { title: "Strategy set" });
  const climate = await createTestTheme(db, { title: "Climate set" });
  const paper = async (key: string, themeId: string, title: string, summary: string) => {
    const p = await createTestPaper(db, { themeId, title });
    await db.update(papers).set({ summary }).where(eq(papers.id, p.id));
    ids[key] = p.id;
    return p.id;
  };
  const councils = await paper("councils", strategy.id, "Win the councils first", "Why local elections should come before the national campaign, and how members can build trust first.");
  const teachers = await paper("teachers", education.id, "Teachers' workload is driving people out of the profession", "Marking, data drops and long evenings push experienced teachers to leave.");
  const hips = await paper("hips", health.id, "Cutting the queue for hip and knee replacements", "Orthopaedic waiting lists have doubled; theatres stand empty at weekends.");
  const care = await paper("care", health.id, "A national care service", "Social care staff deserve the pay and training of the health service.");
  const meals = await paper("meals", education.id, "Free school meals for every child", "Universal provision removes the stigma that keeps poorer pupils from eating.");
  const homes = await paper("homes", climate.id, "Insulating a million homes", "Cavity walls, lofts and heat pumps, street by street.");
  await paper("pharmacists", health.id, "Let pharmacists treat minor ailments", "Coughs, rashes and urinary infections could be handled at the chemist, freeing GP appointments.");
  const comment = async (key: string, paperId: string, body: string) => (ids[key] = (await createTestComment(db, { paperId, body })).id);
  await comment("c-hips", hips, "Waiting lists for hip and knee operations are the longest in a decade in my area.");
  await comment("c-care", care, "Care staff are paid less than supermarket shelf stackers, so they leave.");
  await comment("c-meals", meals, "Universal free school meals would end the stigma poorer children feel at lunch.");
  await comment("c-homes", homes, "Heat pumps only work well in homes that are insulated first.");
  await comment("c-councils", councils, "Councils are where members can win first and show what we would do.");
  await comment("c-teachers", teachers, "Teachers spend their evenings marking instead of planning lessons.");
  await comment("c-pharmacy", hips, "Community pharmacies could see minor ailments and take pressure off surgeries.");
  // Filler with the common words a member's text is full of.
  for (const [i, body] of [
    "The community needs people who turn up first, not just slogans.",
    "First we need people in every community, then the rest follows.",
    "People in my community say the same thing every time.",
    "We need a stop to the cuts first and foremost.",
    "Every community deserves better; people know it.",
    "The first step is to listen to people.",
  ].entries()) {
    await comment(`filler-${i}`, [councils, teachers, hips, care, meals, homes][i]!, body);
  }
  queries.push(
    { q: "Community pharmacies as first stop for minor ailments", relevant: [ids.pharmacists!, ids["c-pharmacy"]!] },
    { q: "Hip operation waiting lists", relevant: [ids.hips!, ids["c-hips"]!] },
    { q: "The stigma of free school meals", relevant: [ids.meals!, ids["c-meals"]!] },
    { q: "Pay of social care staff", relevant: [ids.care!, ids["c-care"]!] },
    { q: "Insulation and heat pumps", relevant: [ids.homes!, ids["c-homes"]!] },
    { q: "Teachers marking every evening", relevant: [ids.teachers!, ids["c-teachers"]!] },
    { q: "Waitng lists for hip opperations", relevant: [ids.hips!, ids["c-hips"]!] },
    { q: "Local councils to win first", relevant: [ids.councils!, ids["c-councils"]!] },
    // Unrelated: at most a common word or two in common with anything on the site.
    { q: "A people's vote on the council budget", relevant: [] },
    { q: "Opening hours of public libraries on Sundays", relevant: [] },
    { q: "Stop and search powers for the police", relevant: [] },
    { q: "Every child deserves a first-rate library", relevant: [] },
  );
});

function score(results: string[][]) {
  let suggested = 0, right = 0, wanted = 0, found = 0;
  results.forEach((got, i) => {
    const relevant = new Set(queries[i]!.relevant);
    // Only this set's rows count: suggestions from other tests' data are counted as wrong too.
    suggested += got.length;
    right += got.filter((id) => relevant.has(id)).length;
    wanted += relevant.size;
    found += [...relevant].filter((id) => got.includes(id)).length;
  });
  return { precision: suggested ? right / suggested : 1, recall: wanted ? found / wanted : 1, suggested };
}

describe("already discussed here, on a labelled set", () => {
  it("is more precise than before and keeps most of its recall", async () => {
    const before = [];
    const after = [];
    for (const { q } of queries) {
      before.push(await baseline(db, q));
      after.push((await findSimilar(db, VISITOR, { q, scope: "all" })).map((s) => s.id));
    }
    const b = score(before);
    const a = score(after);
    console.info(`labelled set (${queries.length} queries): before precision ${b.precision.toFixed(2)} recall ${b.recall.toFixed(2)} (${b.suggested} suggestions); after precision ${a.precision.toFixed(2)} recall ${a.recall.toFixed(2)} (${a.suggested} suggestions)`);
    expect(a.precision).toBeGreaterThan(b.precision);
    expect(a.precision).toBeGreaterThanOrEqual(0.75);
    expect(a.recall).toBeGreaterThanOrEqual(0.85);
  });

  it("no longer offers 'Win the councils first' for a paper on community pharmacies, and explains its matches", async () => {
    const found = await findSimilar(db, VISITOR, { q: "Community pharmacies as first stop for minor ailments", scope: "all" });
    expect(found.map((f) => f.id)).not.toContain(ids.councils);
    expect(found.map((f) => f.id)).not.toContain(ids.teachers);
    const pharmacy = found.find((f) => f.id === ids.pharmacists)!;
    expect(pharmacy.reasons.join(" ")).toMatch(/“ailments”/);
    expect(found[0]!.reasons.length).toBeGreaterThan(0);
  });

  it("ignores stop words and finds a misspelt query by its spelling", async () => {
    expect(await findSimilar(db, VISITOR, { q: "the of and to in it is", scope: "all" })).toEqual([]);
    const misspelt = await findSimilar(db, VISITOR, { q: "Waitng lists for hip opperations", scope: "all" });
    expect(misspelt.map((f) => f.id)).toContain(ids["c-hips"]);
  });
});
