import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Pagination } from "@/components/ui/pagination";
import { getDb } from "@/db";
import { getViewer } from "@/lib/auth/session";
import { AUDIT_KINDS, AUDIT_PAGE_SIZE, listAuditLog, type AuditKind } from "@/lib/audit/queries";

export const metadata: Metadata = { title: "Moderation log" };

const ACTION_LABELS: Record<string, string> = {
  "member.suspend": "Suspended a member",
  "member.reinstate": "Reinstated a member",
  "member.verify": "Verified a member by hand",
  "role.grant": "Granted a role",
  "role.revoke": "Revoked a role",
  "theme.create": "Created a theme",
  "theme.update": "Edited a theme",
  "theme.archive": "Archived a theme",
  "theme.unarchive": "Restored a theme",
  "theme.reorder": "Reordered themes",
  "theme.setCurators": "Changed a theme's curators",
  "roll.import": "Imported the membership roll",
};
const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" });

function describe(details: Record<string, unknown>): string {
  const parts: string[] = [];
  if (typeof details.title === "string") parts.push(`“${details.title}”`);
  if (typeof details.role === "string") parts.push(`role: ${details.role.replace("_", " ")}`);
  if (typeof details.accepted === "number") parts.push(`${details.accepted} rows accepted, ${details.rejected} rejected`);
  if (typeof details.direction === "string") parts.push(`moved ${details.direction}`);
  return parts.join(" · ");
}

export default async function ModerationLogPage({ searchParams }: { searchParams: Promise<{ kind?: string; page?: string }> }) {
  const sp = await searchParams;
  const kind = sp.kind && sp.kind in AUDIT_KINDS ? (sp.kind as AuditKind) : undefined;
  const page = Math.max(1, Number.parseInt(sp.page ?? "1", 10) || 1);
  const { rows, total } = await listAuditLog(getDb(), await getViewer(), { kind, page });
  const href = (p: number) => `/moderation-log?${new URLSearchParams({ ...(kind ? { kind } : {}), page: String(p) })}`;
  return (
    <div className="space-y-6">
      <PageHeader title="Moderation log">
        <p>Every moderation and admin action, who took it and why. Anyone can read it, so that those who run the site answer for it.</p>
      </PageHeader>
      <nav aria-label="Filter the log" className="flex flex-wrap gap-2">
        {[["", "Everything"], ...Object.entries(AUDIT_KINDS)].map(([k, label]) => (
          <Link
            key={k}
            href={k ? `/moderation-log?kind=${k}` : "/moderation-log"}
            aria-current={(kind ?? "") === k ? "page" : undefined}
            className="rounded-full border border-slate-300 bg-white px-3 py-1 aria-[current=page]:border-blue-700 aria-[current=page]:bg-blue-700 aria-[current=page]:text-white"
          >
            {label}
          </Link>
        ))}
      </nav>
      {rows.length === 0 ? (
        <EmptyState title="Nothing logged yet">
          <p>When moderators or admins act, each action appears here with its reason.</p>
        </EmptyState>
      ) : (
        <ol className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white" aria-label="Log entries, newest first">
          {rows.map((row) => (
            <li key={row.id} className="space-y-1 px-4 py-3">
              <p>
                <strong>{row.actorName ?? "A former account"}</strong> · {ACTION_LABELS[row.action] ?? row.action}
                {describe(row.details) ? <span className="text-slate-700"> · {describe(row.details)}</span> : null}
              </p>
              {row.reason ? <p className="text-slate-800">Reason: {row.reason}</p> : null}
              <p className="text-sm text-slate-600">
                <time dateTime={row.createdAt.toISOString()}>{when.format(row.createdAt)} UTC</time>
              </p>
            </li>
          ))}
        </ol>
      )}
      <Pagination page={page} total={total} pageSize={AUDIT_PAGE_SIZE} href={href} />
    </div>
  );
}
