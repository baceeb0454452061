/** Only same-site paths are followed after sign-in, so a link cannot bounce a member to another site. */
export function safeRedirectPath(next: string | undefined | null, fallback = "/"): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\")) return fallback;
  return next;
}
