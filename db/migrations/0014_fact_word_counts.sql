ALTER TABLE "fact_words" ADD COLUMN "facts" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Hand edit: count the words the facts already use (lib/facts/words.ts countAllFactWords).
UPDATE "fact_words" SET "facts" = c.n FROM (
  SELECT w, count(DISTINCT f.id)::int AS n FROM "facts" f,
    regexp_split_to_table(lower(f.statement || ' ' || coalesce(f.figure_unit, '') || ' ' || coalesce(f.place, '') || ' ' || f.source_text), '[^[:alpha:]]+') AS w
  WHERE length(w) BETWEEN 3 AND 40 GROUP BY w
) c WHERE c.w = "fact_words"."word";
