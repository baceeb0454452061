import type { Metadata } from "next";
import MarkdownIt from "markdown-it";
import sanitizeHtml from "sanitize-html";
import { getPool } from "@/db";
import { readCatalog } from "@/lib/open-data/catalog";
import { renderFormatDoc } from "@/lib/open-data/docs";
import { exportedTables } from "@/lib/open-data/export";

export const metadata: Metadata = { title: "Open data format" };

const md = new MarkdownIt({ html: false, linkify: false });

/** The Markdown as sanitised HTML; wide field tables scroll on their own at phone width, reachable by keyboard, each region named after its table. */
function docHtml(text: string): string {
  let current = "";
  return sanitizeHtml(md.render(text), {
    allowedTags: ["h1", "h2", "h3", "h4", "p", "ul", "ol", "li", "code", "pre", "strong", "em", "table", "thead", "tbody", "tr", "th", "td", "a"],
    allowedAttributes: { a: ["href"] },
  }).replace(/<h4>(.*?)<\/h4>|<table>|<\/table>/g, (m, heading?: string) => {
    if (heading !== undefined) {
      current = heading.replace(/<[^>]+>/g, "");
      return m;
    }
    // Each table's fields fold away, so the page reads as an outline on a phone; open ones scroll sideways on their own.
    return m === "<table>"
      ? `<details class="rounded border border-slate-200 px-3 py-2"><summary class="cursor-pointer font-medium">Fields of ${current}</summary><div class="overflow-x-auto" tabindex="0" role="region" aria-label="Fields of ${current}">\n<table>`
      : "</table>\n</div></details>";
  });
}

/** The format's documentation as this site writes bundles now: the same text every bundle carries as README.md. */
export default async function OpenDataFormatPage() {
  const client = await getPool().connect();
  let text: string;
  try {
    text = renderFormatDoc(await readCatalog(client, exportedTables("full").map(([n]) => n)));
  } finally {
    client.release();
  }
  const html = docHtml(text);
  return (
    <article
      className="prose-doc max-w-3xl space-y-3 break-words [&_code]:break-all [&_code]:font-mono [&_code]:text-sm [&_h1]:text-3xl [&_h1]:font-bold [&_h2]:mt-8 [&_h2]:text-2xl [&_h2]:font-semibold [&_h3]:mt-6 [&_h3]:text-xl [&_h3]:font-semibold [&_h4]:mt-4 [&_h4]:font-semibold [&_li]:ml-5 [&_li]:list-disc [&_table]:text-sm [&_td]:border [&_td]:border-slate-300 [&_td]:px-2 [&_th]:border [&_th]:border-slate-300 [&_th]:px-2 [&_th]:text-left"
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
