import Link from "next/link";

/** Where anyone finds the site's public record: the moderation log and the open data. */
export function SiteFooter() {
  const link = "rounded px-2 py-2 text-slate-700 underline underline-offset-4 hover:text-slate-900";
  return (
    <footer className="mt-12 border-t border-slate-200 bg-white">
      <nav aria-label="Public record" className="mx-auto flex w-full max-w-5xl flex-wrap gap-x-2 px-4 py-4 text-sm">
        <Link href="/moderation-log" className={link}>
          Moderation log
        </Link>
        <Link href="/open-data" className={link}>
          Open data
        </Link>
      </nav>
    </footer>
  );
}
