/**
 * Fair panels by maximin (Flanigan et al., "Fair algorithms for selecting citizens' assemblies",
 * Nature 2021; the Sortition Foundation's maximin): among all lotteries over panels that meet the
 * quotas, choose one that makes the smallest selection probability as large as possible.
 *
 * Volunteers who declared exactly the same categories are interchangeable: averaging any lottery
 * over the permutations within each such *type* keeps every panel within quota and cannot lower
 * the smallest probability. So the lottery is over *compositions* (how many of each type sit),
 * every volunteer of a type has exactly the same chance, and the problem size is the number of
 * types (at most the product of the category sizes), not the number of volunteers.
 *
 * Column generation on the dual, as in Flanigan et al.:
 *   dual   min w  s.t.  Σ_t y_t·n_t(P)/s_t ≤ w for each known composition P;  Σ_t y_t = 1;  y ≥ 0
 *   price  max Σ_t (y_t/s_t)·n_t over compositions meeting the quotas (a small integer program)
 * until no composition beats w; then the primal over the compositions found gives the lottery
 * (max z s.t. each type's probability ≥ z, weights sum to 1). HiGHS solves both. The maximin
 * value is unique; the lottery reaching it need not be, which is why it is published before the
 * seed is revealed rather than recomputed by verifiers.
 *
 * Server only: it loads the HiGHS WebAssembly module. The draw itself (draw.ts) does not need it.
 */
import loadHighs from "highs";
import { DRAW_ALGORITHM, describeQuota, groupByType, type DrawCategory, type PoolEntry, type Quota, type WeightedComposition } from "./draw";

/** Weights are published as integers summing to about 2^20, so sampling is exact integer arithmetic everywhere. */
const WEIGHT_SCALE = 2 ** 20;
const EPSILON = 1e-7;
const MAX_ROUNDS = 1000;

export interface PanelProblem {
  seats: number;
  categories: DrawCategory[];
  quotas: Quota[];
  pool: Pick<PoolEntry, "poolId" | "categories">[];
}

export type FairPanelOutcome =
  | {
      ok: true;
      algorithm: typeof DRAW_ALGORITHM;
      distribution: { totalWeight: number; compositions: WeightedComposition[] };
      /** the maximin value: the smallest chance any volunteer has (types no panel can seat aside) */
      minProbability: number;
      /** seats / volunteers: what everyone would have with no quotas */
      equalShare: number;
      /** types no panel within quota can seat (a maximum of 0), named in words */
      unseatable: string[];
      rounds: number;
    }
  | { ok: false; problems: string[] };

type Highs = Awaited<ReturnType<typeof loadHighs>>;
let highsPromise: Promise<Highs> | null = null;
const highs = () => (highsPromise ??= loadHighs());

interface TypeInfo {
  key: string;
  size: number;
  declared: string[];
}

type Term = [coefficient: number, variable: string];
const num = (x: number) => (Number.isInteger(x) ? String(x) : x.toPrecision(15));
/** A linear expression in CPLEX LP format, broken over lines so no line grows long. */
function linear(terms: Term[]): string {
  return terms
    .map(([c, v], k) => `${k % 8 === 0 && k > 0 ? "\n  " : ""}${c < 0 ? "- " : k > 0 ? "+ " : ""}${Math.abs(c) === 1 ? "" : `${num(Math.abs(c))} `}${v}`)
    .join(" ");
}
const ones = (vars: string[]): Term[] => vars.map((v) => [1, v]);

function typesOf(problem: PanelProblem): TypeInfo[] {
  const groups = groupByType({ categories: problem.categories, pool: problem.pool.map((p) => ({ ...p, entryHash: "" })) });
  return [...groups.entries()].map(([key, members]) => ({ key, size: members.length, declared: JSON.parse(key) as string[] }));
}

function typesIn(problem: PanelProblem, types: TypeInfo[], q: Quota): number[] {
  const ci = problem.categories.findIndex((c) => c.key === q.category);
  return types.flatMap((t, i) => (t.declared[ci] === q.value ? [i] : []));
}

/** The smallest change to the quotas that would make a panel possible, in words (empty when feasible). */
export async function quotaShortfalls(problem: PanelProblem): Promise<string[]> {
  if (problem.pool.length === 0) return ["Nobody has volunteered for the pool yet."];
  if (problem.pool.length < problem.seats)
    return [`The pool has ${problem.pool.length} volunteers for ${problem.seats} seats: ${problem.seats - problem.pool.length} short.`];
  const types = typesOf(problem);
  const rows: string[] = [`seats: ${linear(ones(types.map((_, i) => `n${i}`)))} = ${problem.seats}`];
  const slack: string[] = [];
  problem.quotas.forEach((q, qi) => {
    const terms = ones(typesIn(problem, types, q).map((i) => `n${i}`));
    if (q.min > 0) {
      rows.push(`q${qi}lo: ${linear([...terms, [1, `lo${qi}`]])} >= ${q.min}`);
      slack.push(`lo${qi}`);
    }
    rows.push(`q${qi}hi: ${linear([...terms, [-1, `hi${qi}`]])} <= ${q.max}`);
    slack.push(`hi${qi}`);
  });
  const lp = [
    "Minimize",
    ` obj: ${slack.length ? linear(ones(slack)) : "0 n0"}`,
    "Subject To",
    ...rows.map((r) => ` ${r}`),
    "Bounds",
    ...types.map((t, i) => ` 0 <= n${i} <= ${t.size}`),
    ...slack.map((s) => ` ${s} >= 0`),
    "Generals",
    ` ${types.map((_, i) => `n${i}`).join(" ")}`,
    "End",
  ].join("\n");
  const solution = (await highs()).solve(lp, { output_flag: false });
  if (solution.Status !== "Optimal") throw new Error(`Quota check ended with ${solution.Status}`);
  const problems: string[] = [];
  problem.quotas.forEach((q, qi) => {
    const lo = Math.round(solution.Columns[`lo${qi}`]?.Primal ?? 0);
    const hi = Math.round(solution.Columns[`hi${qi}`]?.Primal ?? 0);
    const available = typesIn(problem, types, q).reduce((n, i) => n + types[i]!.size, 0);
    if (lo > 0)
      problems.push(
        `${describeQuota(problem.categories, q)}: ${available < q.min ? `only ${available} volunteered` : "cannot be met with the other quotas"}, ${lo} short of the minimum.`,
      );
    if (hi > 0) problems.push(`${describeQuota(problem.categories, q)}: the other quotas force ${hi} over the maximum.`);
  });
  return problems;
}

/** Computes the maximin lottery, or says which quotas cannot be met and by how much. */
export async function fairPanels(problem: PanelProblem): Promise<FairPanelOutcome> {
  if (!Number.isInteger(problem.seats) || problem.seats < 1) return { ok: false, problems: ["The number of seats must be a whole number of at least 1."] };
  for (const q of problem.quotas) {
    if (!Number.isInteger(q.min) || !Number.isInteger(q.max) || q.min < 0 || q.max < q.min)
      return { ok: false, problems: [`${describeQuota(problem.categories, q)}: the minimum must be a whole number no larger than the maximum.`] };
  }
  const shortfalls = await quotaShortfalls(problem);
  if (shortfalls.length) return { ok: false, problems: shortfalls };
  const solver = await highs();
  const types = typesOf(problem);
  const quotaTypes = problem.quotas.map((q) => typesIn(problem, types, q));

  // A type under a quota with maximum 0 can never sit; leaving it in would pin the maximin at 0.
  const unseatableIdx = new Set<number>();
  problem.quotas.forEach((q, qi) => {
    if (q.max === 0) for (const i of quotaTypes[qi]!) unseatableIdx.add(i);
  });
  const counted = types.map((_, i) => i).filter((i) => !unseatableIdx.has(i));

  const priceLp = (coef: number[]) =>
    [
      "Maximize",
      ` obj: ${linear(types.map((_, i) => [coef[i]!, `n${i}`]))}`,
      "Subject To",
      ` seats: ${linear(ones(types.map((_, i) => `n${i}`)))} = ${problem.seats}`,
      ...problem.quotas.flatMap((q, qi) => {
        const terms = ones(quotaTypes[qi]!.map((i) => `n${i}`));
        if (terms.length === 0) return [];
        return [` q${qi}lo: ${linear(terms)} >= ${q.min}`, ` q${qi}hi: ${linear(terms)} <= ${q.max}`];
      }),
      "Bounds",
      ...types.map((t, i) => ` 0 <= n${i} <= ${t.size}`),
      "Generals",
      ` ${types.map((_, i) => `n${i}`).join(" ")}`,
      "End",
    ].join("\n");

  // Persistent models: the master LP gains one column per round and re-solves from its last
  // basis; the pricing program only has its objective changed.
  const pricing = solver.createModel({ format: "lp", data: priceLp(types.map((t) => 1 / t.size)) });
  const master = { model: null as null | ReturnType<typeof solver.createModel> };
  try {
    pricing.options.set({ output_flag: false, mip_rel_gap: 1e-9 });
    const priceCols = types.map((_, i) => pricing.getColByName(`n${i}`));
    const price = (coef: number[]): number[] => {
      const costs = new Float64Array(types.length);
      priceCols.forEach((col, i) => (costs[col] = coef[i]!));
      pricing.changeColsCost({ kind: "range", from: 0, to: types.length - 1 }, costs);
      pricing.run();
      const values = pricing.getSolution().colValue;
      return priceCols.map((col) => Math.round(values[col] ?? 0));
    };

    const compositions: number[][] = [];
    const seen = new Set<string>();
    const fresh = (c: number[]) => !seen.has(c.join(","));
    const remember = (c: number[]) => {
      seen.add(c.join(","));
      compositions.push(c);
    };
    const column = (c: number[]) => {
      const indices: number[] = [0];
      const values: number[] = [1];
      counted.forEach((i, r) => {
        if (c[i]! > 0) {
          indices.push(r + 1);
          values.push(c[i]! / types[i]!.size);
        }
      });
      return { indices, values };
    };
    const first = price(types.map((t) => 1 / t.size));
    remember(first);
    // The master (primal): max z s.t. Σ_j p_j·n_t(j)/s_t − z ≥ 0 for each counted type, Σ_j p_j = 1.
    const masterLp = [
      "Maximize",
      " obj: z",
      "Subject To",
      " total: p0 = 1",
      ...counted.map((i) => ` t${i}: ${linear([...(first[i]! > 0 ? [[first[i]! / types[i]!.size, "p0"] as Term] : []), [-1, "z"]])} >= 0`),
      "Bounds",
      " z free",
      "End",
    ].join("\n");
    master.model = solver.createModel({ format: "lp", data: masterLp });
    const m = master.model;
    m.options.set({ output_flag: false });
    const zCol = m.getColByName("z");
    const rowOf = (i: number) => m.getRowByName(`t${i}`);
    const rows = counted.map(rowOf);
    const totalRow = m.getRowByName("total");
    const pCols = [m.getColByName("p0")];
    const addColumn = (c: number[]) => {
      const { indices, values } = column(c);
      const mapped = indices.map((r) => (r === 0 ? totalRow : rows[r - 1]!));
      pCols.push(m.getDimensions().numCols);
      m.addCol(0, 0, Infinity, { indices: mapped, values });
      remember(c);
    };
    let rounds = 0;
    for (; rounds < MAX_ROUNDS; rounds++) {
      m.run();
      const solution = m.getSolution();
      const z = solution.colValue[zCol] ?? 0;
      const y = types.map(() => 0);
      counted.forEach((i, r) => (y[i] = Math.abs(solution.rowDual[rows[r]!] ?? 0)));
      const best = price(types.map((t, i) => y[i]! / t.size));
      const value = best.reduce((acc, n, i) => acc + (y[i]! / types[i]!.size) * n, 0);
      if (value <= z + EPSILON || !fresh(best)) break;
      addColumn(best);
    }
    m.run();
    const final = m.getSolution();
    const p = pCols.map((col) => final.colValue[col] ?? 0);
    return summarise(problem, types, counted, unseatableIdx, compositions, p, rounds + 1);
  } finally {
    pricing.dispose();
    master.model?.dispose();
  }
}

function summarise(
  problem: PanelProblem,
  types: TypeInfo[],
  counted: number[],
  unseatableIdx: Set<number>,
  compositions: number[][],
  p: number[],
  rounds: number,
): FairPanelOutcome {
  const weighted: WeightedComposition[] = [];
  compositions.forEach((c, j) => {
    const weight = Math.round(Math.max(0, p[j]!) * WEIGHT_SCALE);
    if (weight === 0) return;
    const counts: Record<string, number> = {};
    c.forEach((n, i) => {
      if (n > 0) counts[types[i]!.key] = n;
    });
    weighted.push({ weight, counts });
  });
  const totalWeight = weighted.reduce((a, c) => a + c.weight, 0);
  const probabilityOfType = (i: number) => weighted.reduce((a, c) => a + (c.weight / totalWeight) * (c.counts[types[i]!.key] ?? 0), 0) / types[i]!.size;
  return {
    ok: true,
    algorithm: DRAW_ALGORITHM,
    distribution: { totalWeight, compositions: weighted },
    minProbability: counted.length ? Math.min(...counted.map(probabilityOfType)) : 0,
    equalShare: problem.seats / problem.pool.length,
    unseatable: [...unseatableIdx].map((i) => types[i]!.declared.map((v, ci) => `${problem.categories[ci]!.label}: ${v || "not stated"}`).join(", ")),
    rounds,
  };
}
