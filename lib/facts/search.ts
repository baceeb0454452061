import { sql, type SQL } from "drizzle-orm";
import type { Tx } from "@/db";
import type { Actor } from "@/lib/auth/permissions";
import { FACT_PAGE_SIZE, type FactSearchParams } from "@/lib/validation/facts";
import { formatFigure, flagOf, type FactFlag } from "./cite";
import { highlightSimilar, markersToHtml, START, STOP } from "./highlight";
import { pickCorrection } from "@/lib/search/spelling";

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
  const q = params.q.trim();

  if (!q) {
    const rows = await prepared<Row>(db, "facts_search_browse_v1", BROWSE_SQL, values("", params, pageSize, offset));
    const total = rows[0]?.total ?? (offset > 0 ? (await prepared<Row>(db, "facts_search_browse_v1", BROWSE_SQL, values("", params, 1, 0)))[0]?.total ?? 0 : 0);
    return { hits: rows.map((r) => toHit(r, q, "browse")), total, page: params.page, pageSize, mode: "browse" };
  }

  const words = await byWords(db, q, params, pageSize, offset);
  if (words.length > 0 || params.page > 1) {
    return { hits: words.map((r) => toHit(r, q, "words")), total: words[0]?.total ?? 0, page: params.page, pageSize, mode: "words" };
  }

  // Nothing found as typed. If every word is one the facts use, the filters excluded them: done.
  // Otherwise correct each unknown word to the closest word the facts use (pg_trgm similarity over
  // the short word list) and search again.
  const correction = await correctQuery(db, q);
  if (correction.unknown === 0) return { hits: [], total: 0, page: 1, pageSize, mode: "words" };
  if (correction.corrected) {
    const again = await byWords(db, correction.corrected, params, pageSize, 0);
    if (again.length > 0) {
      return { hits: again.map((r) => toHit(r, correction.corrected!, "words")), total: again[0]!.total, page: 1, pageSize, mode: "similar", correctedQuery: correction.corrected };
    }
  }
  if (correction.unmatched === 0) return { hits: [], total: 0, page: 1, pageSize, mode: "words" };

  // A word like nothing in the word list: statements containing a stretch spelt like the query
  // (trigram index on statement). Rare trigrams, so the index keeps this quick.
  const similar = await prepared<Row>(db, "facts_search_similar_v1", SIMILAR_SQL, values(q, params, pageSize, 0));
  return { hits: similar.map((r) => toHit(r, q, "similar")), total: similar.length, page: 1, pageSize, mode: similar.length ? "similar" : "words" };
}

/**
 * Runs a fixed query as a named prepared statement on the pool (planned once per connection, which
 * saves a few milliseconds a search), or as a plain query inside a transaction.
 */
async function prepared<T>(db: Tx, name: string, text: string, values: unknown[]): Promise<T[]> {
  const client = (db as { $client?: { query?: (q: { name: string; text: string; values: unknown[] }) => Promise<{ rows: T[] }> } }).$client;
  if (client?.query) return (await client.query({ name, text, values })).rows;
  const parts = text.split(/\$(\d+)/);
  const chunks: SQL[] = parts.map((part, i) => (i % 2 === 0 ? sql.raw(part) : sql`${values[Number(part) - 1]}`));
  return (await db.execute(sql.join(chunks, sql``))).rows as T[];
}

/** The filters as fixed SQL with parameters ($2 theme slug, $3 source kind, $4 minimum hardness), so one plan serves all. */
const FILTERS = `f.status in ('accepted', 'retracted')
    and ($2::text = '' or exists (select 1 from fact_themes ft join themes t on t.id = ft.theme_id where ft.fact_id = f.id and t.slug = $2::text))
    and ($3::text = '' or exists (select 1 from fact_sources fs where fs.fact_id = f.id and fs.kind::text = $3::text))
    and f.hardness >= $4::int`;
const DECORATION = `(select count(*)::int from disputes d where d.fact_id = p.id and d.status = 'open') as open_disputes,
    (select array_agg(t.title order by t.position) from fact_themes ft join themes t on t.id = ft.theme_id where ft.fact_id = p.id) as themes`;

const WORDS_SQL = `
  with q as (select websearch_to_tsquery('english', $1::text) as tsq)
  select p.id, p.statement, p.figure_value, p.figure_unit, p.hardness, p.status, p.total,
    ts_headline('english', p.statement, q.tsq, $7::text) as headline, ${DECORATION}
  from (
    select f.id, f.statement, f.figure_value, f.figure_unit, f.hardness, f.status, count(*) over ()::int as total, ts_rank_cd(f.search, q.tsq, 1) as rank
    from facts f, q
    where f.search @@ q.tsq and ${FILTERS}
    order by rank desc, f.hardness desc, f.id limit $5::int offset $6::int
  ) p, q
  order by p.rank desc, p.hardness desc, p.id`;

const BROWSE_SQL = `
  select p.id, p.statement, p.figure_value, p.figure_unit, p.hardness, p.status, p.total, null as headline, ${DECORATION}
  from (
    select f.id, f.statement, f.figure_value, f.figure_unit, f.hardness, f.status, f.updated_at, count(*) over ()::int as total
    from facts f where $1::text = '' and ${FILTERS}
    order by f.hardness desc, f.updated_at desc, f.id limit $5::int offset $6::int
  ) p
  order by p.hardness desc, p.updated_at desc, p.id`;

const SIMILAR_SQL = `
  select p.id, p.statement, p.figure_value, p.figure_unit, p.hardness, p.status, 0 as total, null as headline, ${DECORATION}
  from (
    select f.id, f.statement, f.figure_value, f.figure_unit, f.hardness, f.status, word_similarity($1::text, f.statement) as sim
    from facts f where $1::text <% f.statement and ${FILTERS}
    order by sim desc, f.hardness desc, f.id limit $5::int offset $6::int
  ) p
  order by p.sim desc, p.hardness desc, p.id`;

const HEADLINE_OPTIONS = `StartSel=${START}, StopSel=${STOP}, HighlightAll=true`;
const values = (q: string, params: FactSearchParams, limit: number, offset: number) => [q, params.theme, params.kind ?? "", params.min, limit, offset];

/** Full-text search on the weighted vector, best rank first, with highlighted statements. */
function byWords(db: Tx, q: string, params: FactSearchParams, limit: number, offset: number): Promise<Row[]> {
  return prepared<Row>(db, "facts_search_words_v1", WORDS_SQL, [...values(q, params, limit, offset), HEADLINE_OPTIONS]);
}

/**
 * The query with each word the facts never use replaced by the most similar word they do use
 * (null if nothing changes), how many words were unknown, and how many had no similar word at all.
 */
export async function correctQuery(db: Tx, q: string): Promise<{ corrected: string | null; unknown: number; unmatched: number }> {
  const tokens = [...new Set((q.toLowerCase().match(/\p{L}+/gu) ?? []).filter((t) => t.length >= 3 && t.length <= 40))];
  if (tokens.length === 0) return { corrected: null, unknown: 1, unmatched: 1 };
  // The closest words by trigram similarity that some fact still uses, with how many facts use
  // each; pickCorrection (lib/search/spelling.ts) prefers the fewest edits, then the most frequent
  // word, so "waitng" becomes "waiting", not "wait", and "hopital" the word the facts use most.
  const found = await prepared<{ tok: string; exact: boolean; candidates: { word: string; similarity: number; frequency: number }[] | null }>(
    db,
    "facts_search_correct_v3",
    `select t.tok,
       exists (select 1 from fact_words w where w.word = t.tok and w.facts > 0) as exact,
       (select json_agg(json_build_object('word', c.word, 'similarity', c.sim, 'frequency', c.facts)) from (
          select w.word, w.facts, similarity(w.word, t.tok) as sim from fact_words w
          where w.word % t.tok and w.facts > 0 order by sim desc, w.word limit 16) c) as candidates
     from unnest($1::text[]) as t(tok)`,
    [tokens],
  );
  const rows = found.map((r) => ({ tok: r.tok, exact: r.exact, best: pickCorrection(r.tok, r.candidates ?? []) }));
  let out = q;
  let changed = false;
  const unknown = rows.filter((r) => !r.exact).length;
  const unmatched = rows.filter((r) => !r.exact && !r.best).length;
  for (const r of rows) {
    if (r.exact || !r.best || r.best === r.tok) continue;
    out = out.replace(new RegExp(`(?<![\\p{L}])${r.tok}(?![\\p{L}])`, "giu"), r.best);
    changed = true;
  }
  return { corrected: changed ? out : null, unknown, unmatched };
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
