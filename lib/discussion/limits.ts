/** Limits shared by the composer (in the browser) and validation; kept free of zod so the reading page does not ship it. */
export const COMMENT_MAX = 10_000;
