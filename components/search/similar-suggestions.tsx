"use client";

export interface SimilarSuggestionsProps {
  /** What the member is typing: a comment or a paper title. */
  query: string;
  /** What to look among. */
  scope: "papers" | "comments" | "all";
  /** Limit comments to one paper's thread, when composing there. */
  paperId?: string;
}

/** "Already discussed here": similar papers and comments. Owned by the discussion work of issue 3 (to be written). */
export function SimilarSuggestions(_props: SimilarSuggestionsProps) {
  return null;
}
