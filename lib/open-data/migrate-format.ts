/**
 * Older bundles stay importable: each step turns a record of format version N into version N+1,
 * and an import runs every step from the bundle's version to the current one (as Discourse
 * restores an old backup and then migrates it). Version 1 is the first, so there are no steps yet;
 * when FORMAT_VERSION is bumped, add the step here with a test holding a bundle of the old version.
 */
import { FORMAT_VERSION } from "./format";

type Step = (table: string, record: Record<string, unknown>) => Record<string, unknown>;

/** STEPS[n] turns version n+1 into version n+2. */
const STEPS: Step[] = [];

export function migrateRecord(table: string, record: unknown, fromVersion: number): unknown {
  if (fromVersion === FORMAT_VERSION || typeof record !== "object" || record === null) return record;
  let rec = record as Record<string, unknown>;
  for (let v = fromVersion; v < FORMAT_VERSION; v++) {
    const step = STEPS[v - 1];
    if (!step) throw new Error(`No migration from open-data format ${v} to ${v + 1}.`);
    rec = step(table, rec);
  }
  return rec;
}
