import type { JobHelpers } from "graphile-worker";
import { getDb } from "@/db";
import { recomputeMap } from "./recompute";

export async function recomputeMapTask(payload: unknown, helpers: JobHelpers): Promise<void> {
  const themeId = (payload as { themeId?: unknown })?.themeId;
  if (typeof themeId !== "string") throw new Error("map.recompute: payload needs a themeId");
  const result = await recomputeMap(getDb(), themeId);
  helpers.logger.info(`map.recompute ${themeId}: v${result.version}, ${result.participants} placed, ${result.groups} groups, ${Math.round(result.timings.total ?? 0)} ms`);
}
