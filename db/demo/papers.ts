import type { DemoContext, DemoPaper } from "./context";

/** Demo papers in every theme. Owned by the papers work of issue 3 (to be written). */
export async function seedPapers(_ctx: DemoContext): Promise<DemoPaper[]> {
  return [];
}
