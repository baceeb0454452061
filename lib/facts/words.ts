import { sql } from "drizzle-orm";
import type { Tx } from "@/db";

/**
 * The words misspelt queries are corrected against, with how many facts use each (fact_words).
 * A fact's searchable text is its statement, unit, place, and its sources' titles and publishers;
 * its words are the runs of letters of 3 to 40 characters, lower-cased.
 */
const FACT_TEXT = sql`lower(f.statement || ' ' || coalesce(f.figure_unit, '') || ' ' || coalesce(f.place, '') || ' ' || f.source_text)`;
const SPLIT = "[^[:alpha:]]+";

/** A fact's searchable text as it is now: read it before changing the fact, for updateFactWords. */
export async function factSearchText(db: Tx, factId: string): Promise<string> {
  const result = await db.execute<{ text: string }>(sql`select ${FACT_TEXT} as text from facts f where f.id = ${factId}`);
  return result.rows[0]?.text ?? "";
}

/**
 * After a fact's text changed from `before` ("" for a new fact) to what it is now: each word it
 * now uses and did not before counts one fact more, each it no longer uses one fewer. Runs in the
 * writer's transaction, so a rolled-back edit leaves the counts as they were.
 */
export async function updateFactWords(db: Tx, factId: string, before: string): Promise<void> {
  await db.execute(sql`
    with now_words as (
      select distinct w from facts f, regexp_split_to_table(${FACT_TEXT}, ${SPLIT}) w where f.id = ${factId} and length(w) between 3 and 40
    ), before_words as (
      select distinct w from regexp_split_to_table(lower(${before}), ${SPLIT}) w where length(w) between 3 and 40
    ), delta as (
      select w, sum(d)::int d from (select w, 1 d from now_words union all select w, -1 from before_words) x group by w having sum(d) <> 0
    ), fewer as (
      update fact_words fw set facts = greatest(0, fw.facts + delta.d) from delta where fw.word = delta.w and delta.d < 0 returning fw.word
    )
    insert into fact_words (word, facts) select w, d from delta where d > 0
    on conflict (word) do update set facts = fact_words.facts + excluded.facts`);
}

/** Recounts every word of every fact (seed, benchmark): the counts become exact whatever they were. */
export async function countAllFactWords(db: Tx): Promise<void> {
  await db.execute(sql`update fact_words set facts = 0 where facts <> 0`);
  await db.execute(sql`
    insert into fact_words (word, facts)
    select w, count(distinct f.id)::int from facts f, regexp_split_to_table(${FACT_TEXT}, ${SPLIT}) w
    where length(w) between 3 and 40 group by w
    on conflict (word) do update set facts = excluded.facts`);
}
