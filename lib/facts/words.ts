import { sql } from "drizzle-orm";
import type { Tx } from "@/db";

/**
 * Adds the words of facts' searchable text (statement, unit, place, source titles and publishers)
 * to the word list that misspelt queries are corrected against. One fact, or every fact when no
 * id is given (seed, benchmark).
 */
export async function addFactWords(db: Tx, factId?: string): Promise<void> {
  await db.execute(sql`
    insert into fact_words (word)
    select distinct w from facts f,
      regexp_split_to_table(lower(f.statement || ' ' || coalesce(f.figure_unit, '') || ' ' || coalesce(f.place, '') || ' ' || f.source_text), '[^[:alpha:]]+') as w
    where length(w) between 3 and 40 ${factId ? sql`and f.id = ${factId}` : sql``}
    on conflict do nothing`);
}
