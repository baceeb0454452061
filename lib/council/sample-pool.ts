/** Synthetic pools for tests and the bench: seeded, so a failing case can be replayed. */
import { entryHash, SeededStream, type DrawCategory, type PoolEntry, type Quota } from "./draw";

export const SAMPLE_CATEGORIES: DrawCategory[] = [
  { key: "region", label: "Region", values: ["North", "Midlands", "South", "London", "Wales", "Scotland"] },
  { key: "gender", label: "Gender", values: ["Woman", "Man", "Non-binary"] },
  { key: "age", label: "Age band", values: ["16-29", "30-44", "45-64", "65+"] },
  { key: "tenure", label: "Housing", values: ["Owner", "Renter", "Social"] },
];

/** Skewed on purpose (more men, more South, more 45-64), as real volunteer pools are. */
export function samplePool(size: number, seed = "sample", categories = SAMPLE_CATEGORIES): PoolEntry[] {
  const stream = new SeededStream(seed);
  const skew = (values: string[]) => {
    const weights = values.map((_, i) => values.length - i + 1);
    const total = weights.reduce((a, b) => a + b, 0);
    let r = stream.below(total);
    for (const [i, w] of weights.entries()) {
      if (r < w) return values[i]!;
      r -= w;
    }
    return values[0]!;
  };
  return Array.from({ length: size }, (_, i) => {
    const declared: Record<string, string> = {};
    for (const c of categories) declared[c.key] = stream.below(20) === 0 ? "" : skew(c.values);
    const poolId = `p${String(i + 1).padStart(4, "0")}`;
    return { poolId, categories: declared, entryHash: entryHash(poolId, categories, declared, `secret-${i}`) };
  });
}

/** Quotas near proportional to the population (not the pool): the pool's skew makes them bite. */
export function sampleQuotas(seats: number, categories = SAMPLE_CATEGORIES): Quota[] {
  return categories.flatMap((c) => {
    const share = seats / c.values.length;
    return c.values.map((value) => ({ category: c.key, value, min: Math.max(0, Math.floor(share) - 1), max: Math.ceil(share) + 1 }));
  });
}
