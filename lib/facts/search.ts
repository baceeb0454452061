import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db";
import type { Actor } from "@/lib/auth/permissions";
import { FACT_PAGE_SIZE, type FactSearchParams } from "@/lib/validation/facts";
import { formatFigure, flagOf, type FactFlag } from "./cite";
import { highlightSimilar, markersToHtml, START, STOP } from "./highlight";

export interface FactHit {
  id: string;
  statement: string;
  /** Escaped HTML of the statement with <mark> around the matches. */
  headline: string;
  figure: string | null;
  hardness: number;
  status: "accepted" | "retracted";
  flag: FactFlag;
  openDisputes: number;
  themes: string[];
}

export interface FactSearchResult {
  hits: FactHit[];
  total: number;
  page: number;
  pageSize: number;
  /** How the hits were found: words, similar spelling (typos), both, or no query at all. */
  mode: "words" | "similar" | "words+similar" | "browse";
}

/** Below this many word matches, matches by similar spelling are added (catching typos). */
const FEW = 5;

type Row = {
  id: string;
  statement: string;
  figure_value: string | null;
  figure_unit: string | null;
  hardness: number;
  status: "accepted" | "retracted";
  open_disputes: number;
  themes: string[] | null;
  headline: string | null;
  total: number;
};

/**
 * The fact search the page, the API route and the benchmark all use. Public facts only (accepted,
 * and retracted ones, flagged, so a reader learns a figure was withdrawn). Full-text first, on the
 * weighted vector (statement A, unit and place B, source titles C); when that finds little, facts
 * whose statement contains a word spelt similarly (pg_trgm) are added.
 */
export async function searchFacts(db: Tx, _actor: Actor, params: FactSearchParams): Promise<FactSearchResult> {
  const pageSize = FACT_PAGE_SIZE;
  const offset = (params.page - 1) * pageSize;
  const filters: SQL[] = [sql`f.status in ('accepted', 'retracted')`];
  if (params.theme) filters.push(sql`exists (select 1 from fact_themes ft join themes t on t.id = ft.theme_id where ft.fact_id = f.id and t.slug = ${params.theme})`);
  if (params.kind) filters.push(sql`exists (select 1 from fact_sources fs where fs.fact_id = f.id and fs.kind = ${params.kind})`);
  if (params.min > 0) filters.push(sql`f.hardness >= ${params.min}`);
  const where = sql.join(filters, sql` and `);
  const q = params.q.trim();

  const decorate = (inner: SQL, headline: SQL) => sql`
    select p.id, p.statement, p.figure_value, p.figure_unit, p.hardness, p.status, p.total,
      ${headline} as headline,
      (select count(*)::int from disputes d where d.fact_id = p.id and d.status = 'open') as open_disputes,
      (select array_agg(t.title order by t.position) from fact_themes ft join themes t on t.id = ft.theme_id where ft.fact_id = p.id) as themes
    from (${inner}) p order by p.ord`;

  if (!q) {
    const inner = sql`select f.id, f.statement, f.figure_value, f.figure_unit, f.hardness, f.status, count(*) over ()::int as total,
        row_number() over (order by f.hardness desc, f.updated_at desc, f.id) as ord
      from facts f where ${where} order by f.hardness desc, f.updated_at desc, f.id limit ${pageSize} offset ${offset}`;
    const rows = (await db.execute<Row>(decorate(inner, sql`null`))).rows;
    return { hits: rows.map((r) => toHit(r, q, "browse")), total: rows[0]?.total ?? (offset > 0 ? await countBrowse(db, where) : 0), page: params.page, pageSize, mode: "browse" };
  }

  const tsq = sql`websearch_to_tsquery('english', ${q})`;
  const wordsInner = sql`select f.id, f.statement, f.figure_value, f.figure_unit, f.hardness, f.status, count(*) over ()::int as total,
      row_number() over (order by ts_rank_cd(f.search, ${tsq}, 1) desc, f.hardness desc, f.id) as ord
    from facts f where f.search @@ ${tsq} and ${where}
    order by ts_rank_cd(f.search, ${tsq}, 1) desc, f.hardness desc, f.id limit ${pageSize} offset ${offset}`;
  const headline = sql`ts_headline('english', p.statement, ${tsq}, ${`StartSel=${START}, StopSel=${STOP}, HighlightAll=true`})`;
  const words = (await db.execute<Row>(decorate(wordsInner, headline))).rows;
  const wordTotal = words[0]?.total ?? 0;
  if (wordTotal >= FEW || params.page > 1) {
    return { hits: words.map((r) => toHit(r, q, "words")), total: wordTotal, page: params.page, pageSize, mode: "words" };
  }

  // Few or no word matches: add statements with a word spelt like the query's (typos), best first.
  const exclude = words.length ? sql`and f.id not in (${sql.join(words.map((w) => sql`${w.id}::uuid`), sql`, `)})` : sql``;
  const similarInner = sql`select f.id, f.statement, f.figure_value, f.figure_unit, f.hardness, f.status, 0 as total,
      row_number() over (order by word_similarity(${q}, f.statement) desc, f.hardness desc, f.id) as ord
    from facts f where ${q} <% f.statement and ${where} ${exclude}
    order by word_similarity(${q}, f.statement) desc, f.hardness desc, f.id limit ${pageSize - words.length}`;
  const similar = (await db.execute<Row>(decorate(similarInner, sql`null`))).rows;
  const hits = [...words.map((r) => toHit(r, q, "words")), ...similar.map((r) => toHit(r, q, "similar"))];
  const mode = words.length && similar.length ? "words+similar" : similar.length ? "similar" : "words";
  return { hits, total: hits.length, page: 1, pageSize, mode };
}

async function countBrowse(db: Tx, where: SQL): Promise<number> {
  const rows = (await db.execute<{ n: number }>(sql`select count(*)::int as n from facts f where ${where}`)).rows;
  return rows[0]?.n ?? 0;
}

function toHit(r: Row, q: string, how: "words" | "similar" | "browse"): FactHit {
  const openDisputes = Number(r.open_disputes);
  return {
    id: r.id,
    statement: r.statement,
    headline: how === "words" && r.headline ? markersToHtml(r.headline) : how === "similar" ? highlightSimilar(r.statement, q) : markersToHtml(r.statement),
    figure: formatFigure(r.figure_value, r.figure_unit),
    hardness: r.hardness,
    status: r.status,
    flag: flagOf({ status: r.status, openDisputes }),
    openDisputes,
    themes: r.themes ?? [],
  };
}
