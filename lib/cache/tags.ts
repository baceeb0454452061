/**
 * The cache tags of the pages every visitor shares (app/readers/: paper, response, theme, fact),
 * and the one way to expire them. A command that changes what such a page shows calls
 * `invalidate(...)` after its transaction commits, naming the tag here; the pages name the same
 * tags with `tagPage(...)` (./tag-page.ts: it imports Next's cache statically, which plain Node
 * cannot resolve, so commands that scripts, jobs and e2e fixtures load never import it). The
 * cache itself is Next's (lib/cache/cache-handler.mjs shares it between instances through Redis).
 *
 * Writes that change every page (a theme's title or colour, a member's public name) already call
 * revalidatePath("/", "layout"), which expires every cached page too.
 */

export const cacheTags = {
  /** The paper's reading page: the paper, its discussion (comments, votes, moderation), what the Response took in. */
  paper: (paperId: string) => `paper:${paperId}`,
  /** The paper's Response as readers see it. */
  response: (paperId: string) => `response:${paperId}`,
  /** A theme's page (by slug: the address it is cached under). */
  theme: (slug: string) => `theme:${slug}`,
  /** Every theme page's list of papers (a publication, a new version, a hidden paper). */
  themeListings: "theme-listings",
  /** A fact's page. */
  fact: (factId: string) => `fact:${factId}`,
  /** Every page that shows fact chips (their status and disputed flag). */
  factChips: "fact-chips",
} as const;

/**
 * Expires tags now, after the write committed: the next visitor gets a fresh render on every
 * instance. Inside a server action or route handler this is Next's revalidateTag; elsewhere (a job,
 * a script) there is no request store, so the shared cache handler is told directly.
 */
export async function invalidate(...tags: string[]): Promise<void> {
  const list = [...new Set(tags.filter(Boolean))];
  if (!list.length) return;
  try {
    const { revalidateTag } = await import("next/cache");
    for (const tag of list) revalidateTag(tag, { expire: 0 });
    return;
  } catch {
    // Not in a request: fall through to the handler.
  }
  const { expireTags } = await import("./cache-handler.mjs");
  await expireTags(list);
}

/** Runs a write, then expires what it changed: `return afterCommit(db.transaction(...), (r) => [cacheTags.paper(r.paperId)])`. */
export async function afterCommit<T>(write: Promise<T>, tagsOf: (result: T) => string[]): Promise<T> {
  const result = await write;
  await invalidate(...tagsOf(result));
  return result;
}
