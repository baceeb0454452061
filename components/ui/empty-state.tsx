import type { ReactNode } from "react";

/** What a list or page shows when it has nothing yet: a heading at the level its place in the outline needs. */
export function EmptyState({ title, children, action, level = 2 }: { title: string; children?: ReactNode; action?: ReactNode; level?: 1 | 2 | 3 }) {
  const Heading = `h${level}` as const;
  return (
    <div className="rounded-lg border border-dashed border-slate-400 px-6 py-10 text-center">
      <Heading className="text-lg font-semibold text-slate-900">{title}</Heading>
      {children ? <div className="mx-auto mt-2 max-w-prose text-slate-700">{children}</div> : null}
      {action ? <div className="mt-4">{action}</div> : null}
    </div>
  );
}
