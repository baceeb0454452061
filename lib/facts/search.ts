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
  /** How the hits were found: by the words as typed, by similar spelling (typos), or no query at all. */
  mode: "words" | "similar" | "browse";
  /** The query as corrected for spelling, when that is what found the hits. */
  correctedQuery?: string;
}

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
 * weighted vector (statement A, unit and place B, source titles C); when that finds nothing, the
 * query is corrected word by word against the words the facts use (pg_trgm similarity), and as a
 * last resort statements spelt like the query are found through the trigram index.
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

  if (!q) {
    const inner = sql`select f.id, f.statement, f.figure_value, f.figure_unit, f.hardness, f.status, count(*) over ()::int as total,
        row_number() over (order by f.hardness desc, f.updated_at desc, f.id) as ord
      from facts f where ${where} order by f.hardness desc, f.updated_at desc, f.id limit ${pageSize} offset ${offset}`;
    const rows = (await db.execute<Row>(decorate(inner, sql`null`))).rows;
    return { hits: rows.map((r) => toHit(r, q, "browse")), total: rows[0]?.total ?? (offset > 0 ? await countBrowse(db, where) : 0), page: params.page, pageSize, mode: "browse" };
  }

  const words = await byWords(db, q, where, pageSize, offset);
  if (words.length > 0 || params.page > 1) {
    return { hits: words.map((r) => toHit(r, q, "words")), total: words[0]?.total ?? 0, page: params.page, pageSize, mode: "words" };
  }

  // Nothing found as typed: correct each unknown word to the closest word the facts use (pg_trgm
  // similarity over the short word list), and search again.
  const corrected = await correctQuery(db, q);
  if (corrected) {
    const again = await byWords(db, corrected, where, pageSize, 0);
    if (again.length > 0) {
      return { hits: again.map((r) => toHit(r, corrected, "words")), total: again[0]!.total, page: 1, pageSize, mode: "similar", correctedQuery: corrected };
    }
  }

  // Still nothing: statements containing a stretch spelt like the query (trigram index on statement).
  const similarInner = sql`select f.id, f.statement, f.figure_value, f.figure_unit, f.hardness, f.status, 0 as total,
      row_number() over (order by word_similarity(${q}, f.statement) desc, f.hardness desc, f.id) as ord
    from facts f where ${q} <% f.statement and ${where}
    order by word_similarity(${q}, f.statement) desc, f.hardness desc, f.id limit ${pageSize}`;
  const similar = (await db.execute<Row>(decorate(similarInner, sql`null`))).rows;
  return { hits: similar.map((r) => toHit(r, q, "similar")), total: similar.length, page: 1, pageSize, mode: similar.length ? "similar" : "words" };
}

const decorate = (inner: SQL, headline: SQL) => sql`
  select p.id, p.statement, p.figure_value, p.figure_unit, p.hardness, p.status, p.total,
    ${headline} as headline,
    (select count(*)::int from disputes d where d.fact_id = p.id and d.status = 'open') as open_disputes,
    (select array_agg(t.title order by t.position) from fact_themes ft join themes t on t.id = ft.theme_id where ft.fact_id = p.id) as themes
  from (${inner}) p order by p.ord`;

/** Full-text search on the weighted vector, best rank first, with highlighted statements. */
async function byWords(db: Tx, q: string, where: SQL, limit: number, offset: number): Promise<Row[]> {
  const tsq = sql`websearch_to_tsquery('english', ${q})`;
  const inner = sql`select f.id, f.statement, f.figure_value, f.figure_unit, f.hardness, f.status, count(*) over ()::int as total,
      row_number() over (order by ts_rank_cd(f.search, ${tsq}, 1) desc, f.hardness desc, f.id) as ord
    from facts f where f.search @@ ${tsq} and ${where}
    order by ts_rank_cd(f.search, ${tsq}, 1) desc, f.hardness desc, f.id limit ${limit} offset ${offset}`;
  const headline = sql`ts_headline('english', p.statement, ${tsq}, ${`StartSel=${START}, StopSel=${STOP}, HighlightAll=true`})`;
  return (await db.execute<Row>(decorate(inner, headline))).rows;
}

/** The query with each word the facts never use replaced by the most similar word they do use; null if nothing changes. */
export async function correctQuery(db: Tx, q: string): Promise<string | null> {
  const tokens = [...new Set((q.toLowerCase().match(/\p{L}+/gu) ?? []).filter((t) => t.length >= 3 && t.length <= 40))];
  if (tokens.length === 0) return null;
  const rows = (
    await db.execute<{ tok: string; exact: boolean; best: string | null }>(sql`
      select t.tok,
        exists (select 1 from fact_words w where w.word = t.tok) as exact,
        (select w.word from fact_words w where w.word % t.tok order by similarity(w.word, t.tok) desc, w.word limit 1) as best
      from unnest(${sql.raw("array[")}${sql.join(tokens.map((t) => sql`${t}`), sql`, `)}${sql.raw("]::text[]")}) as t(tok)`)
  ).rows;
  let out = q;
  let changed = false;
  for (const r of rows) {
    if (r.exact || !r.best || r.best === r.tok) continue;
    out = out.replace(new RegExp(`(?<![\\p{L}])${r.tok}(?![\\p{L}])`, "giu"), r.best);
    changed = true;
  }
  return changed ? out : null;
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
