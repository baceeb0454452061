/** Page side of lib/cache/tags.ts, imported only by the pages in app/readers/. */
import { unstable_cache } from "next/cache";

/** Names the tags of the page being rendered, so that expiring any of them expires the page. */
export async function tagPage(...tags: string[]): Promise<void> {
  // unstable_cache is the Next API that adds tags to the ISR entry of the page that calls it.
  await unstable_cache(async () => true, ["page-tags", ...tags], { tags })();
}
