import Link from "next/link";

/** Previous/next links that keep the other query parameters. */
export function Pagination({ page, total, pageSize, href }: { page: number; total: number; pageSize: number; href: (page: number) => string }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return null;
  const link = "rounded-md border border-slate-300 bg-white px-3 py-2 hover:bg-slate-50";
  return (
    <nav aria-label="Pages" className="flex items-center justify-between gap-4 pt-4">
      {page > 1 ? (
        <Link href={href(page - 1)} className={link} rel="prev">
          ← Previous
        </Link>
      ) : (
        <span />
      )}
      <span className="text-sm text-slate-700">
        Page {page} of {pages}
      </span>
      {page < pages ? (
        <Link href={href(page + 1)} className={link} rel="next">
          Next →
        </Link>
      ) : (
        <span />
      )}
    </nav>
  );
}
