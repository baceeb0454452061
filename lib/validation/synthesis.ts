import { z } from "zod";

/** A member's suggestion for a theme's synthesis (Markdown-light, like a comment). */
export const SuggestionInput = z.object({
  themeId: z.string().uuid("Unknown theme."),
  body: z.string().trim().min(1, "Write your suggestion.").max(4000, "Keep it under 4,000 characters."),
});
export type SuggestionInput = z.infer<typeof SuggestionInput>;
