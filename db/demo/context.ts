import type { Tx } from "@/db";

/** What the demo seed modules get from the core seed: the transaction and ids by natural key. */
export interface DemoContext {
  tx: Tx;
  themeId(slug: string): string;
  userId(email: string): string;
  /** Every demo account's e-mail, verified members first. */
  memberEmails: readonly string[];
}

export interface DemoPaper {
  id: string;
  themeSlug: string;
  title: string;
  published: boolean;
  /** The paper whose thread is seeded with the long discussion. */
  longThread?: boolean;
}
