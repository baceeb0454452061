/**
 * The site's own absolute address, for every link the site puts in an e-mail or a feed. It comes
 * from configuration (SITE_URL), never from a request header: a client chooses its headers.
 */
export function siteUrl(): string {
  const configured = process.env.SITE_URL?.trim();
  if (configured) return configured.replace(/\/+$/, "");
  if (process.env.NODE_ENV === "production" && process.env.COMMONPLACE_TEST_DATABASE !== "1") {
    throw new Error("SITE_URL must be set in production (the address links in e-mails and feeds point to).");
  }
  return `http://localhost:${process.env.PORT ?? "3000"}`;
}
