/** Reading typography for paper bodies (server-rendered HTML and the editor alike). */
export const proseClass = [
  "max-w-[68ch] text-[1.0625rem] leading-relaxed text-slate-900 [overflow-wrap:anywhere]",
  "[&_p]:my-4 [&_h2]:mt-10 [&_h2]:mb-3 [&_h2]:text-2xl [&_h2]:font-semibold [&_h2]:scroll-mt-4",
  "[&_h3]:mt-8 [&_h3]:mb-2 [&_h3]:text-xl [&_h3]:font-semibold [&_h3]:scroll-mt-4 [&_h4]:mt-6 [&_h4]:mb-2 [&_h4]:font-semibold [&_h4]:scroll-mt-4",
  "[&_ul]:my-4 [&_ul]:list-disc [&_ul]:pl-6 [&_ol]:my-4 [&_ol]:list-decimal [&_ol]:pl-6 [&_li>p]:my-1",
  "[&_blockquote]:my-6 [&_blockquote]:border-l-4 [&_blockquote]:border-slate-300 [&_blockquote]:pl-4 [&_blockquote]:italic [&_blockquote]:text-slate-800",
  "[&_a]:text-blue-800 [&_a]:underline [&_a]:underline-offset-2",
  "[&_table]:my-6 [&_table]:block [&_table]:max-w-full [&_table]:overflow-x-auto [&_table]:border-collapse [&_table]:text-base",
  "[&_th]:border [&_th]:border-slate-300 [&_th]:bg-slate-100 [&_th]:px-3 [&_th]:py-2 [&_th]:text-left [&_td]:border [&_td]:border-slate-300 [&_td]:px-3 [&_td]:py-2 [&_td_p]:my-0 [&_th_p]:my-0",
  "[&_sup]:text-xs [&_sup_a]:no-underline [&_sup_a]:px-0.5 [&_.footnotes]:mt-10 [&_.footnotes]:border-t [&_.footnotes]:border-slate-300 [&_.footnotes]:pt-2 [&_.footnotes]:text-base [&_.footnotes_li]:scroll-mt-4",
].join(" ");
