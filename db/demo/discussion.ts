import type { DemoContext, DemoPaper } from "./context";

/** Demo discussion threads. Owned by the discussion work of issue 3 (to be written). */
export async function seedDiscussion(_ctx: DemoContext, _papers: DemoPaper[]): Promise<void> {}
