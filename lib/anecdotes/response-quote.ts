/**
 * Quoting a story in a paper's Response: the use is recorded against the consent that allows it
 * (quoteStoryInResponse), then the approved text goes into the stored Response as a change by the
 * curator, so every open editor sees it live, as "Add to response" does for a comment.
 */
import * as Y from "yjs";
import type { Db } from "@/db";
import type { Actor } from "@/lib/auth/permissions";
import { cacheTags, invalidate } from "@/lib/cache/tags";
import { docName } from "@/lib/collab/protocol";
import { renderDocument } from "@/lib/collab/render";
import { FRAGMENT } from "@/lib/collab/schema";
import { changeStoredDocument } from "@/lib/collab/server-change";
import { quoteStoryInResponse } from "./commands";
import { getStoryQuoteForResponse, type StoryQuote } from "./queries";

export async function addStoryToResponse(db: Db, actor: Actor, input: { storyId: string; paperId: string; as: "anonymous" | "named" }): Promise<{ added: boolean }> {
  const { responseId } = await quoteStoryInResponse(db, actor, input);
  const quote = await getStoryQuoteForResponse(db, actor, input.paperId, input.storyId);
  const added = await changeStoredDocument(db, docName("response", responseId), actor.id, (ydoc) => {
    if (renderDocument(ydoc).html.includes(`href="${quote.permalink}"`)) return false;
    appendStoryQuote(ydoc.getXmlFragment(FRAGMENT), quote);
  });
  await invalidate(cacheTags.response(input.paperId), cacheTags.paper(input.paperId));
  return { added };
}

/** A blockquote of the approved text, then the attribution its consent allows and a link to the story's public page. */
function appendStoryQuote(fragment: Y.XmlFragment, quote: StoryQuote): void {
  const block = new Y.XmlElement("blockquote");
  fragment.insert(fragment.length, [block]);
  const paragraphs = quote.text.split(/\n{2,}/).filter(Boolean);
  const elements = [...paragraphs, null].map(() => new Y.XmlElement("paragraph"));
  block.insert(0, elements);
  paragraphs.forEach((p, i) => {
    const t = new Y.XmlText();
    elements[i]!.insert(0, [t]);
    t.insert(0, p);
  });
  const credit = new Y.XmlText();
  elements[elements.length - 1]!.insert(0, [credit]);
  credit.insert(0, `${quote.author} `);
  credit.insert(credit.length, "— a member's first-hand story", { link: { href: quote.permalink } });
}
